/*
 * The console's little bit of JavaScript: confirm() before every action form, the approval form's
 * checks of the attestations (in Chinese, before the question), the client-side
 * filter of the dashboard's agency table, the dashboard's refresh while a run is under way, and the
 * live update of a running run's page (it polls the REST API every second with the session's
 * cookie). Without JavaScript the pages still work.
 */
(function () {
    'use strict';

    /* The labels of statuses and stages come from the server (the page embeds them): one definition. */
    var LABELS = (function () {
        var node = document.getElementById('console-labels');
        try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
    }());
    var STATUSES = LABELS.statuses || {};
    var STAGES = LABELS.stages || {};
    var ACTIVE = {RUNNING: true, QUEUED: true};

    function el(tag, attrs, text) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
        if (text !== undefined && text !== null) { node.textContent = text; }
        return node;
    }

    function badge(status) {
        if (!status) { return el('span', {'class': 'badge badge-none'}, '— 未运行'); }
        var known = STATUSES[status] || {};
        return el('span', {'class': 'badge badge-' + (known.tone || 'neutral'), 'data-status': status}, known.label || status);
    }

    /* ---------------------------------------------------------------- confirm() on action forms */

    document.addEventListener('submit', function (event) {
        var form = event.target;
        // A button of its own (the review card's 批准本部门及其全部单位) asks its own question.
        var button = event.submitter;
        var question = (button && button.getAttribute && button.getAttribute('data-confirm'))
            || (form && form.getAttribute && form.getAttribute('data-confirm'));
        if (question && !window.confirm(question)) {
            event.preventDefault();
        }
    });

    /* ---------------------------------------------------------------- approval attestations (发布前确认) */

    /*
     * The browser refuses an approval form whose confirmations are not ticked or whose signer is empty,
     * too long or holds control characters, in Chinese, before the confirm() question; the hub checks
     * the same again.
     */
    var CONTROL = (function () {
        try { return new RegExp('[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]', 'u'); } catch (e) { return /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/; }
    }());

    function attestationProblem(field) {
        if (field.type === 'checkbox') {
            return field.required && !field.checked ? field.getAttribute('data-missing') : '';
        }
        var value = field.value.trim();
        if (!value) {
            return field.required ? field.getAttribute('data-missing') : '';
        }
        if (CONTROL.test(value)) {
            return '签发人不能含控制字符（换行、制表符等）';
        }
        var max = parseInt(field.getAttribute('data-max'), 10);
        var length = value.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '_').length;
        return max > 0 && length > max ? '签发人最多 ' + max + ' 个字符（现有 ' + length + ' 个）' : '';
    }

    function setUpAttestations(form) {
        Array.prototype.forEach.call(form.querySelectorAll('[data-missing]'), function (field) {
            function check() { field.setCustomValidity(attestationProblem(field)); }
            field.addEventListener('input', check);
            field.addEventListener('change', check);
            check();
        });
    }

    /* ---------------------------------------------------------------- dashboard filter */

    function setUpFilter(input) {
        var table = document.getElementById(input.getAttribute('data-filter-table'));
        var count = document.getElementById(input.getAttribute('data-filter-count'));
        if (!table || !table.tBodies.length) { return; }
        // The dashboard reloads itself while a run is under way: the search survives it.
        var key = 'filter:' + location.pathname + ':' + input.id;
        try { if (!input.value && sessionStorage.getItem(key)) { input.value = sessionStorage.getItem(key); } } catch (e) { /* private mode */ }
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        function apply() {
            var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
            var shown = 0;
            rows.forEach(function (row) {
                var text = row.getAttribute('data-search') || '';
                var match = terms.every(function (t) { return text.indexOf(t) >= 0; });
                row.hidden = !match;
                if (match) { shown++; }
            });
            if (count) {
                count.textContent = terms.length ? '显示 ' + shown + ' / ' + rows.length + ' 个单位' : '共 ' + rows.length + ' 个单位';
            }
        }
        input.addEventListener('input', function () {
            try { sessionStorage.setItem(key, input.value); } catch (e) { /* private mode */ }
            apply();
        });
        apply();
    }

    /* ---------------------------------------------------------------- dashboard refresh */

    function setUpRefresh(main) {
        var seconds = parseInt(main.getAttribute('data-refresh'), 10);
        if (!(seconds > 0)) { return; }
        window.setTimeout(function again() {
            var busy = document.activeElement && /^(SELECT|TEXTAREA|BUTTON)$/.test(document.activeElement.tagName);
            if (busy) { window.setTimeout(again, seconds * 1000); return; }
            window.location.reload();
        }, seconds * 1000);
    }

    /* ---------------------------------------------------------------- live run page */

    function pad(n) { return (n < 10 ? '0' : '') + n; }

    function formatTime(iso, zone) {
        if (!iso) { return '—'; }
        var date = new Date(iso);
        if (isNaN(date.getTime())) { return iso; }
        try {
            var parts = {};
            new Intl.DateTimeFormat('en-GB', {
                timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
                hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'
            }).formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
            return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute + ':' + parts.second;
        } catch (e) {
            return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' '
                + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
        }
    }

    function formatDuration(seconds) {
        seconds = Math.max(0, Math.floor(seconds));
        if (seconds < 60) { return seconds + ' 秒'; }
        if (seconds < 3600) { return Math.floor(seconds / 60) + ' 分 ' + (seconds % 60) + ' 秒'; }
        return Math.floor(seconds / 3600) + ' 小时 ' + Math.floor(seconds % 3600 / 60) + ' 分';
    }

    function formatMillis(ms) {
        if (ms === null || ms === undefined) { return ''; }
        return ms < 1000 ? ms + ' 毫秒' : (ms / 1000).toFixed(1) + ' 秒';
    }

    function setText(id, text) {
        var node = document.getElementById(id);
        if (node) { node.textContent = text; }
    }

    /* A refusal of the API (application/problem+json): its reason in Chinese, and the console page to go to. */
    function refusal(problem, status) {
        var error = new Error(problem.detail || problem.title || 'HTTP ' + status);
        error.status = status;
        error.href = problem.href;
        error.run = problem.run;
        return error;
    }

    function getJson(url) {
        // X-Requested-With: a refusal for want of a login comes without a Basic challenge, so no password dialog.
        return fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
            cache: 'no-store'})
            .then(function (response) {
                var type = response.headers.get('Content-Type') || '';
                if (type.indexOf('application/problem+json') === 0) {
                    return response.json().then(function (problem) { throw refusal(problem, response.status); });
                }
                if (!response.ok || type.indexOf('json') < 0) {
                    throw new Error(response.status === 200 ? '登录已过期，请刷新页面' : 'HTTP ' + response.status);
                }
                return response.json();
            });
    }

    function setUpRun(section) {
        var zone = section.getAttribute('data-zone') || 'Asia/Shanghai';
        var year = section.getAttribute('data-year');
        var agencyBase = section.getAttribute('data-agency-base');
        var runApi = section.getAttribute('data-run-api');
        var tasksApi = section.getAttribute('data-tasks-api');
        var live = document.getElementById('run-live');
        var failures = 0;
        var names = {};
        try { names = JSON.parse(section.getAttribute('data-names') || '{}'); } catch (e) { names = {}; }

        function renderRun(run) {
            section.setAttribute('data-status', run.status);
            var status = document.getElementById('run-status');
            if (status) {
                status.setAttribute('data-status', run.status);
                status.replaceChildren(badge(run.status));
            }
            var total = run.total || 0;
            var done = run.done || 0;
            var percent = total > 0 ? Math.min(100, Math.round(done * 100 / total)) : 0;
            var progress = document.getElementById('run-progress');
            if (progress) {
                progress.max = total > 0 ? total : 1;
                progress.value = done;
                progress.textContent = percent + '%';
            }
            setText('run-progress-text', total === 0 && run.unchanged > 0 && !ACTIVE[run.status]
                ? '未变化（来源数据无改动）：' + run.unchanged + ' 个' : done + ' / ' + total + ' 个（' + percent + '%）');
            setText('run-done', done);
            setText('run-total', total);
            setText('run-new', run.newVersions);
            setText('run-unchanged', run.unchanged);
            setText('run-held', run.heldBack);
            setText('run-failed', run.failed - run.heldBack);
            var finished = document.getElementById('run-finished');
            if (finished) {
                finished.textContent = formatTime(run.finishedAt, zone);
                finished.setAttribute('datetime', run.finishedAt || '');
            }
            var end = run.finishedAt ? new Date(run.finishedAt) : new Date();
            setText('run-elapsed', formatDuration((end - new Date(run.startedAt)) / 1000));
            var warnings = run.warnings || [];
            var box = document.getElementById('run-warnings');
            var list = document.getElementById('run-warnings-list');
            if (box && list) {
                list.replaceChildren.apply(list, warnings.map(function (w) { return el('li', {}, w); }));
                box.classList.toggle('hidden', warnings.length === 0);
            }
        }

        function renderInFlight(tasks) {
            var box = document.getElementById('run-in-flight');
            if (!box) { return; }
            var running = tasks.filter(function (t) { return t.status === 'RUNNING'; });
            if (!running.length) { box.replaceChildren(document.createTextNode('—')); return; }
            var list = el('ul', {'class': 'in-flight'});
            running.forEach(function (t) {
                var item = el('li', {'data-agency': t.agency}, t.agency + ' ' + (names[t.agency] || '') + ' · ' + (STAGES[t.stage] || t.stage));
                if (t.detail) { item.appendChild(document.createTextNode(' ')); item.appendChild(el('span', {'class': 'error'}, t.detail)); }
                list.appendChild(item);
            });
            box.replaceChildren(list);
        }

        function renderTasks(tasks) {
            renderInFlight(tasks);
            var body = document.getElementById('tasks-body');
            if (!body) { return; }
            var rows = tasks.map(function (t) {
                var row = el('tr', {'data-agency': t.agency, 'data-stage': t.stage, 'data-status': t.status});
                var head = el('th', {scope: 'row'});
                head.appendChild(el('a', {href: agencyBase + encodeURIComponent(t.agency) + '?year=' + encodeURIComponent(year)},
                    t.agency));
                row.appendChild(head);
                row.appendChild(el('td', {}, names[t.agency] || ''));
                row.appendChild(el('td', {}, STAGES[t.stage] || t.stage));
                var status = el('td');
                status.appendChild(badge(t.status));
                row.appendChild(status);
                row.appendChild(el('td', {'class': 'detail'}, t.detail));
                row.appendChild(el('td', {'class': 'error'}, t.error));
                var started = el('td');
                started.appendChild(el('time', {datetime: t.startedAt || ''}, formatTime(t.startedAt, zone)));
                row.appendChild(started);
                row.appendChild(el('td', {'class': 'num'}, formatMillis(t.durationMs)));
                return row;
            });
            body.replaceChildren.apply(body, rows);
            var empty = document.getElementById('tasks-empty');
            if (empty) { empty.classList.toggle('hidden', rows.length > 0); }
        }

        function poll() {
            Promise.all([getJson(runApi), getJson(tasksApi)]).then(function (results) {
                failures = 0;
                renderRun(results[0]);
                // One page of the tasks, as the page asked for it (its filter, its page): never every task of the run.
                renderTasks(results[1].items || []);
                if (ACTIVE[results[0].status]) {
                    window.setTimeout(poll, 1000);
                } else if (live) {
                    live.textContent = '运行已结束。';
                }
            }).catch(function (error) {
                failures++;
                // Refused (not logged in any more, the run gone): asking again changes nothing.
                var refused = error.status >= 400 && error.status < 500;
                if (live) {
                    live.textContent = refused ? '无法更新：' + error.message + '。'
                        : '暂时无法更新（' + error.message + '），' + (failures < 10 ? '稍后重试。' : '请刷新页面。');
                    if (error.href) {
                        live.appendChild(document.createTextNode(' '));
                        live.appendChild(el('a', {href: error.href, id: 'run-live-link'}, error.href === '/login' ? '重新登录' : '前往'));
                    }
                }
                if (!refused && failures < 10) { window.setTimeout(poll, 3000); }
            });
        }

        if (ACTIVE[section.getAttribute('data-status')]) {
            window.setTimeout(poll, 1000);
        }
    }

    document.addEventListener('DOMContentLoaded', function () {
        Array.prototype.forEach.call(document.querySelectorAll('input[data-filter-table]'), setUpFilter);
        Array.prototype.forEach.call(document.querySelectorAll('form.approve-form'), setUpAttestations);
        var run = document.getElementById('run');
        if (run && run.getAttribute('data-run-api')) { setUpRun(run); }
        var main = document.getElementById('main');
        if (main && main.getAttribute('data-refresh')) { setUpRefresh(main); }
    });
}());
