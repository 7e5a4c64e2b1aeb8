/*
 * The words page (说明填报) of one agency-year: fills the form from the narratives API, shows the
 * hub's draft beside each field, asks the server for the 说明's preview and the findings of the text
 * while the author types (debounced), saves a new version (If-Match: the version loaded), lists the
 * versions with a field-by-field diff and loads an earlier version back into the form. Plain script,
 * no framework; every text the author sees is Chinese; every value goes into the page as text, never
 * as markup.
 */
(function () {
    'use strict';

    var DEBOUNCE_MS = 500;

    var main = document.getElementById('main');
    var form = document.getElementById('words-form');
    if (!main || !form || !main.getAttribute('data-api')) { return; }

    var API = main.getAttribute('data-api');
    var YEAR = parseInt(main.getAttribute('data-year'), 10);
    var CODE = main.getAttribute('data-code');
    var KIND = main.getAttribute('data-kind') || '单位';
    var CAN_EDIT = main.getAttribute('data-can-edit') === 'true';
    var CSRF = main.getAttribute('data-csrf');
    var CSRF_HEADER = main.getAttribute('data-csrf-header') || 'X-CSRF-TOKEN';
    var AGENCY_HREF = main.getAttribute('data-agency-href');
    var DEPARTMENT = main.getAttribute('data-department');
    var DEPARTMENT_HREF = main.getAttribute('data-department-href');

    var FIELD_LABELS = readJson('words-labels');
    var CONSOLE_LABELS = readJson('console-labels');
    var STATUSES = CONSOLE_LABELS.statuses || {};
    var REASONS = Object.keys(FIELD_LABELS).filter(function (k) { return k.indexOf('reasons.') === 0; })
        .map(function (k) { return k.substring(8); });

    /* What the form was last filled with or saved as: what "unsaved changes" are measured against. */
    var state = {etag: null, version: null, status: null, baseline: null, draft: null, versions: [], latest: null};

    function readJson(id) {
        var node = document.getElementById(id);
        try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
    }

    function el(tag, attrs, text) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (k) {
            if (attrs[k] !== null && attrs[k] !== undefined) { node.setAttribute(k, attrs[k]); }
        });
        if (text !== undefined && text !== null) { node.textContent = text; }
        return node;
    }

    function byId(id) { return document.getElementById(id); }

    function fieldId(key) { return 'words-' + key.replace(/\./g, '-'); }

    function label(key) { return FIELD_LABELS[key] || key; }

    /* 5 → 五, 12 → 十二: the numbering of the notes in the 说明 (（五）, （六）…). */
    function chinese(n) {
        var digits = '〇一二三四五六七八九';
        if (n < 10) { return digits.charAt(n); }
        if (n < 20) { return '十' + (n % 10 ? digits.charAt(n % 10) : ''); }
        if (n < 100) { return digits.charAt(Math.floor(n / 10)) + '十' + (n % 10 ? digits.charAt(n % 10) : ''); }
        return String(n);
    }

    /** A status's label: the one the API gave with it, else the console's (both from the status's one definition). */
    function statusLabel(status, given) {
        if (!status) { return '无'; }
        if (given) { return given; }
        var known = STATUSES[status];
        return known ? known.label : status;
    }

    function statusBadge(status, given) {
        var known = STATUSES[status] || {};
        var tone = status ? (known.tone || (status === 'CONFIRMED' ? 'ok' : status === 'DRAFTED' ? 'warn' : 'neutral')) : 'none';
        return el('span', {'class': 'badge badge-' + tone, 'data-status': status || 'NONE'}, statusLabel(status, given));
    }

    function pick(object, names) {
        if (!object) { return null; }
        for (var i = 0; i < names.length; i++) {
            if (object[names[i]] !== undefined && object[names[i]] !== null) { return object[names[i]]; }
        }
        return null;
    }

    /** import:101023-2026.yaml reads 文件导入（101023-2026.yaml）; a user's name stays as it is. */
    function savedBy(author) {
        return author && author.indexOf('import:') === 0 ? '文件导入（' + author.substring(7) + '）' : author;
    }

    function pad(n) { return (n < 10 ? '0' : '') + n; }

    function formatTime(iso) {
        if (!iso) { return '—'; }
        var date = new Date(iso);
        if (isNaN(date.getTime())) { return String(iso); }
        var zone = main.getAttribute('data-zone') || 'Asia/Shanghai';
        try {
            var parts = {};
            new Intl.DateTimeFormat('en-GB', {timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
                hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'})
                .formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
            return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute + ':' + parts.second;
        } catch (e) {
            return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' '
                + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
        }
    }

    /* ---------------------------------------------------------------- the API */

    /** A request to the narratives API: resolves with {status, etag, body} whatever the status; rejects only when the server is not reached. */
    function call(method, path, body, headers, signal) {
        var h = {'Accept': 'application/json, application/problem+json, text/html', 'X-Requested-With': 'XMLHttpRequest'};
        if (method !== 'GET') { h[CSRF_HEADER] = CSRF; }
        if (body !== undefined) { h['Content-Type'] = 'application/json'; }
        Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
        return fetch(API + path, {method: method, credentials: 'same-origin', cache: 'no-store', headers: h, signal: signal,
            body: body === undefined ? undefined : JSON.stringify(body)})
            .then(function (response) {
                var type = response.headers.get('Content-Type') || '';
                var read = type.indexOf('json') >= 0 ? response.json().catch(function () { return null; }) : response.text();
                return read.then(function (data) {
                    return {status: response.status, etag: response.headers.get('ETag'), type: type, body: data};
                });
            });
    }

    /** The Chinese sentence of a refusal: its detail, else what its status means. */
    function reason(result) {
        var problem = result.body && typeof result.body === 'object' ? result.body : {};
        if (problem.detail) { return problem.detail; }
        if (problem.title) { return problem.title; }
        switch (result.status) {
            case 401: return '登录已过期，请重新登录';
            case 403: return '您无权进行此操作';
            case 404: return '没有找到';
            default: return '服务器返回 ' + result.status;
        }
    }

    /* ---------------------------------------------------------------- the form */

    function emptyWords() {
        var reasons = {};
        REASONS.forEach(function (k) { reasons[k] = ''; });
        return {duties: '', composition: '', reasons: reasons, notes: [], contact: {name: '', phone: ''}};
    }

    /** Words as the API gives them, every key present (a missing one is empty). */
    function normalise(words) {
        var out = emptyWords();
        words = words || {};
        out.duties = text(words.duties);
        out.composition = text(words.composition);
        REASONS.forEach(function (k) { out.reasons[k] = text((words.reasons || {})[k]); });
        out.notes = (words.notes || []).map(text);
        out.contact.name = text((words.contact || {}).name);
        out.contact.phone = text((words.contact || {}).phone);
        return out;
    }

    function text(value) { return value === null || value === undefined ? '' : String(value); }

    function get(words, key) {
        var parts = key.split('.');
        var value = words;
        for (var i = 0; i < parts.length && value !== undefined && value !== null; i++) { value = value[parts[i]]; }
        return value;
    }

    function control(key) { return byId(fieldId(key)); }

    function noteAreas() { return Array.prototype.slice.call(document.querySelectorAll('#words-notes textarea')); }

    /** The words the form holds now; blank notes left out. */
    function collect() {
        var words = emptyWords();
        Object.keys(FIELD_LABELS).forEach(function (key) {
            if (key === 'notes') { return; }
            var node = control(key);
            if (!node) { return; }
            var parts = key.split('.');
            if (parts.length === 1) { words[key] = node.value; } else { words[parts[0]][parts[1]] = node.value; }
        });
        words.notes = noteAreas().map(function (t) { return t.value; }).filter(function (v) { return v.trim() !== ''; });
        return words;
    }

    function fill(words) {
        words = normalise(words);
        Object.keys(FIELD_LABELS).forEach(function (key) {
            if (key === 'notes') { return; }
            var node = control(key);
            if (node) { node.value = get(words, key); count(node); }
        });
        setNotes(words.notes);
        clearErrors();
    }

    function setNotes(notes) {
        var list = byId('words-notes');
        if (!list) { return; }
        list.replaceChildren();
        notes.forEach(function (note) { addNote(note, false); });
        renumberNotes();
    }

    function addNote(value, focus) {
        var list = byId('words-notes');
        var item = el('li', {'class': 'note'});
        var id = 'words-note-' + Math.random().toString(36).slice(2, 10);
        var caption = el('label', {'for': id, 'class': 'note-label'});
        var area = el('textarea', {id: id, rows: '2', maxlength: '5000', 'aria-describedby': 'words-notes-help'});
        area.value = value || '';
        area.readOnly = !CAN_EDIT;
        item.appendChild(caption);
        item.appendChild(area);
        window.requestAnimationFrame(function () { fit(area); });
        if (CAN_EDIT) {
            var remove = el('button', {type: 'button', 'class': 'btn btn-small btn-danger note-remove'}, '删除此条');
            remove.addEventListener('click', function () {
                var next = item.nextElementSibling || item.previousElementSibling;
                item.remove();
                renumberNotes();
                changed();
                var target = next ? next.querySelector('textarea') : byId('note-add');
                if (target) { target.focus(); }
            });
            item.appendChild(remove);
        }
        list.appendChild(item);
        renumberNotes();
        if (focus) { area.focus(); }
        return area;
    }

    function renumberNotes() {
        Array.prototype.forEach.call(document.querySelectorAll('#words-notes li'), function (item, i) {
            var caption = item.querySelector('.note-label');
            caption.textContent = '第 ' + (i + 1) + ' 条（说明中的（' + chinese(i + 5) + '））';
            var remove = item.querySelector('.note-remove');
            if (remove) { remove.setAttribute('aria-label', '删除第 ' + (i + 1) + ' 条其他重要事项'); }
        });
    }

    /** A text area grows with its text (up to about twenty lines, then it scrolls). */
    function fit(node) {
        if (node.tagName !== 'TEXTAREA') { return; }
        node.style.height = 'auto';
        node.style.height = Math.min(node.scrollHeight + 4, 480) + 'px';
    }

    function count(node) {
        fit(node);
        var out = byId(node.id + '-count');
        if (out) { out.textContent = node.value.length + ' / ' + (node.getAttribute('maxlength') || 5000) + ' 字'; }
    }

    function clearErrors() {
        Array.prototype.forEach.call(document.querySelectorAll('.field-error'), function (p) { p.hidden = true; p.textContent = ''; });
        Array.prototype.forEach.call(document.querySelectorAll('[aria-invalid]'), function (n) { n.removeAttribute('aria-invalid'); });
    }

    function showFieldError(key, message) {
        var error = byId(fieldId(key) + '-error');
        if (!error) { return false; }
        error.textContent = message;
        error.hidden = false;
        var node = control(key);
        var target = key === 'notes' ? noteAreas()[0] || byId('note-add') : node;
        if (node) { node.setAttribute('aria-invalid', 'true'); }
        if (target) { target.focus(); }
        return true;
    }

    /** A field as the API names it (words.reasons.income, words.notes[2]) as the form's key (reasons.income, notes), or null. */
    function keyOf(named) {
        var key = String(named || '').replace(/^words\.?/, '').replace(/\[\d+\]$/, '');
        return FIELD_LABELS[key] ? key : null;
    }

    /**
     * Shows each field a refusal names ({fields: [{field, detail}]}) next to that field, the first one
     * focused; a refusal that names none is matched on the keys and labels in its detail.
     * @return the labels of the fields shown
     */
    function showRefusedFields(problem) {
        problem = problem && typeof problem === 'object' ? problem : {};
        var shown = [];
        var first = null;
        (problem.fields || []).forEach(function (f) {
            var key = keyOf(f.field);
            if (!key) { return; }
            var error = byId(fieldId(key) + '-error');
            var index = /\[(\d+)\]$/.exec(f.field);
            var sentence = label(key) + (key === 'notes' && index ? '第 ' + (parseInt(index[1], 10) + 1) + ' 条' : '')
                + '：' + (f.detail || '不合要求');
            error.textContent = error.hidden ? sentence : error.textContent + '；' + sentence;
            error.hidden = false;
            var node = key === 'notes' ? noteOf(f.field) : control(key);
            if (node) { node.setAttribute('aria-invalid', 'true'); }
            first = first || node;
            if (shown.indexOf(label(key)) < 0) { shown.push(label(key)); }
        });
        if (!shown.length) {
            var detail = String(problem.detail || '');
            var key = Object.keys(FIELD_LABELS).filter(function (k) { return detail.indexOf(k) >= 0 || detail.indexOf(label(k)) >= 0; })
                .sort(function (a, b) { return b.length - a.length; })[0];
            if (key && showFieldError(key, detail)) { return [label(key)]; }
        }
        if (first) { first.focus(); }
        return shown;
    }

    /** The note a refusal names (words.notes[2]: the third note sent, blank notes being left out). */
    function noteOf(named) {
        var match = /\[(\d+)\]$/.exec(named || '');
        var sent = noteAreas().filter(function (t) { return t.value.trim() !== ''; });
        return match && sent[parseInt(match[1], 10)] ? sent[parseInt(match[1], 10)] : noteAreas()[0] || null;
    }

    /* ---------------------------------------------------------------- messages */

    function message(kind, parts) {
        var box = byId('words-message');
        var p = el('div', {'class': 'flash ' + (kind === 'ok' ? 'flash-ok' : kind === 'warn' ? 'flash-warn' : 'flash-bad'),
            id: 'words-message-' + kind});
        parts.forEach(function (part) { p.appendChild(typeof part === 'string' ? document.createTextNode(part) : part); });
        box.replaceChildren(p);
        return p;
    }

    function clearMessage() { byId('words-message').replaceChildren(); }

    function describeState() {
        var out = byId('words-state');
        out.replaceChildren();
        if (state.version) {
            out.appendChild(document.createTextNode('当前保存的是第 ' + state.version + ' 版 '));
            out.appendChild(statusBadge(state.status, (state.current || {}).statusLabel));
            var latest = state.current || state.latest || {};
            var who = pick(latest, ['author', 'savedBy', 'username', 'by', 'createdBy']);
            var at = pick(latest, ['savedAt', 'at', 'createdAt', 'time']);
            out.appendChild(document.createTextNode((who ? '：' + savedBy(who) : '') + (at ? '，' + formatTime(at) + ' 保存' : '') + '。'));
            out.setAttribute('data-state', 'saved');
        } else {
            out.appendChild(document.createTextNode('尚未保存过说明文字：表单中先填入了中枢草稿（公开包目前也按草稿生成）。检查、修改后保存，即成为第 1 版。'));
            out.setAttribute('data-state', 'none');
        }
        out.setAttribute('data-version', state.version || 0);
    }

    /* ---------------------------------------------------------------- dirty state */

    function dirty() { return state.baseline !== null && JSON.stringify(collect()) !== state.baseline; }

    function updateSaveState() {
        var out = byId('save-state');
        if (!out) { return; }
        out.textContent = dirty() ? '有未保存的修改' : (state.version ? '与第 ' + state.version + ' 版相同' : '尚未修改');
    }

    window.addEventListener('beforeunload', function (event) {
        if (CAN_EDIT && dirty()) { event.preventDefault(); event.returnValue = ''; }
    });

    /* ---------------------------------------------------------------- the draft beside each field */

    function showDraft(view) {
        var based = view && view.basedOn;
        var note = byId('draft-based-on');
        if (note) {
            note.textContent = based ? '草稿沿用了 ' + based.year + ' 年第 ' + based.version + ' 版已确认的职能职责、单位构成、其他重要事项和联系人；变动原因按今年的数字起草。'
                : '草稿的变动原因按今年的数字起草；以前年度没有已确认的说明可沿用。';
        }
        state.draft = normalise(view && view.words ? view.words : view);
        Object.keys(FIELD_LABELS).forEach(function (key) {
            var box = byId(fieldId(key) + '-draft');
            if (!box) { return; }
            var value = get(state.draft, key);
            var empty = key === 'notes' ? value.length === 0 : value.trim() === '';
            box.replaceChildren();
            box.setAttribute('data-empty', empty ? 'true' : 'false');
            if (empty) {
                box.appendChild(el('span', {'class': 'empty'}, '中枢无法起草此项，请自己填写。'));
            } else if (key === 'notes') {
                var list = el('ol', {'class': 'draft-notes'});
                value.forEach(function (n) { list.appendChild(el('li', {}, n)); });
                box.appendChild(list);
            } else {
                value.split('\n').forEach(function (line) { box.appendChild(el('p', {}, line)); });
            }
            var take = byId(fieldId(key) + '-take');
            if (take) { take.disabled = empty; }
        });
    }

    function takeDraft(key) {
        if (!state.draft) { return; }
        var value = get(state.draft, key);
        if (key === 'notes') {
            var current = noteAreas().map(function (t) { return t.value; }).filter(function (v) { return v.trim(); });
            if (current.length && JSON.stringify(current) !== JSON.stringify(value)
                && !window.confirm('用中枢草稿替换已填写的其他重要事项吗？')) { return; }
            setNotes(value);
            var first = noteAreas()[0];
            if (first) { first.focus(); }
        } else {
            var node = control(key);
            if (node.value.trim() && node.value !== value && !window.confirm('用中枢草稿替换已填写的“' + label(key) + '”吗？')) { return; }
            node.value = value;
            count(node);
            node.focus();
        }
        changed();
    }

    function takeAllDrafts() {
        if (!state.draft) { return; }
        var taken = [];
        Object.keys(FIELD_LABELS).forEach(function (key) {
            var value = get(state.draft, key);
            if (key === 'notes') {
                if (!noteAreas().some(function (t) { return t.value.trim(); }) && value.length) { setNotes(value); taken.push(label(key)); }
                return;
            }
            var node = control(key);
            if (node && !node.value.trim() && value.trim()) { node.value = value; count(node); taken.push(label(key)); }
        });
        message(taken.length ? 'ok' : 'warn', [taken.length ? '已采用草稿：' + taken.join('、') + '。' : '没有可采用草稿的空白字段。']);
        changed();
    }

    /* ---------------------------------------------------------------- live preview and findings */

    var timer = null;
    var sequence = 0;
    var inFlight = null;

    function changed() {
        updateSaveState();
        window.clearTimeout(timer);
        timer = window.setTimeout(refresh, DEBOUNCE_MS);
    }

    /** Asks for the preview and the findings of what the form holds now; an answer to an older question is dropped. */
    function refresh() {
        var asked = ++sequence;
        if (inFlight) { inFlight.abort(); }
        inFlight = window.AbortController ? new AbortController() : null;
        var signal = inFlight ? inFlight.signal : undefined;
        var body = {words: collect()};
        byId('preview-body').setAttribute('aria-busy', 'true');
        byId('check-summary').setAttribute('data-busy', 'true');
        var preview = call('POST', '/preview', body, {}, signal).then(function (result) {
            if (asked !== sequence) { return; }
            if (result.status === 200) { showPreview(result.body); } else { previewRefused(result); }
        });
        var check = call('POST', '/check', body, {}, signal).then(function (result) {
            if (asked !== sequence) { return; }
            if (result.status === 200) { showFindings(result.body); } else { checkRefused(result); }
        });
        Promise.all([preview, check]).catch(function (error) {
            if (error && error.name === 'AbortError') { return; }
            if (asked !== sequence) { return; }
            byId('check-summary').textContent = '暂时无法检查（无法连接中枢），稍后修改时会再试。';
            byId('preview-body').setAttribute('aria-busy', 'false');
        });
    }

    var previousParagraphs = null;

    /** The 说明 as the server rendered it for publication ({html}, or {title, sections}): its title, headings and paragraphs, put in as text. */
    function showPreview(preview) {
        var html = typeof preview === 'string' ? preview : preview && preview.html ? preview.html : sectionsHtml(preview || {});
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var root = doc.querySelector('article.narrative') || doc.querySelector('article') || doc.querySelector('main') || doc.body;
        var box = byId('preview-body');
        var out = document.createDocumentFragment();
        var seen = {};
        var paragraphs = [];
        Array.prototype.forEach.call(root.querySelectorAll('h1, h2, h3, h4, p, li'), function (node) {
            var value = node.textContent.replace(/\s+$/, '').replace(/^\s+/, '');
            if (!value) { return; }
            var tag = node.tagName.toLowerCase();
            var made;
            if (tag === 'h1') {
                made = el('p', {'class': 'preview-title'}, value);
            } else if (tag === 'h2' || tag === 'h3' || tag === 'h4') {
                made = el('p', {'class': 'preview-heading'}, value);
            } else {
                made = el('p', {'class': 'preview-paragraph'}, value);
                paragraphs.push(value);
                if (previousParagraphs && previousParagraphs.indexOf(value) < 0 && !seen[value]) {
                    made.classList.add('preview-changed');
                    made.insertBefore(el('span', {'class': 'changed-mark'}, '已更新'), made.firstChild);
                }
                seen[value] = true;
            }
            out.appendChild(made);
        });
        previousParagraphs = paragraphs;
        box.replaceChildren(out);
        box.setAttribute('aria-busy', 'false');
        box.setAttribute('data-updated', String(Date.now()));
        follow(document.activeElement);
    }

    /** {title, sections: [{heading, paragraphs}]} as the elements the preview reads (escaped by the DOM). */
    function sectionsHtml(preview) {
        var article = document.createElement('article');
        article.className = 'narrative';
        if (preview.title) { article.appendChild(el('h1', {}, preview.title)); }
        (preview.sections || []).forEach(function (s) {
            if (s.heading) { article.appendChild(el('h2', {}, s.heading)); }
            (s.paragraphs || []).forEach(function (p) { article.appendChild(el('p', {}, p)); });
        });
        return article.outerHTML;
    }

    function previewRefused(result) {
        var box = byId('preview-body');
        box.replaceChildren(el('p', {'class': 'error'}, '无法生成预览：' + reason(result)));
        box.setAttribute('aria-busy', 'false');
    }

    var lastFindings = null;
    var SEVERITY_ORDER = {FATAL: 0, WARN: 1, INFO: 2};

    /** The keys the server names a field by (reasons.expenditure) as the page names it (支出变动原因), longest first. */
    function withLabels(sentence) {
        return Object.keys(FIELD_LABELS).sort(function (a, b) { return b.length - a.length; }).reduce(function (out, key) {
            return key.indexOf('.') < 0 ? out : out.split(key).join(label(key));
        }, String(sentence || ''));
    }

    /** The field a finding is about, when it names one. */
    function findingField(f) {
        var text = String(pick(f, ['location', 'where', 'field']) || '') + ' ' + String(pick(f, ['message', 'detail']) || '');
        return Object.keys(FIELD_LABELS).filter(function (k) { return k.indexOf('.') > 0 && text.indexOf(k) >= 0; })
            .sort(function (a, b) { return b.length - a.length; })[0] || null;
    }

    function findingItem(f) {
        var severity = pick(f, ['severity', 'level']) || '';
        var item = el('li', {'class': 'finding', 'data-severity': severity, 'data-rule': pick(f, ['rule', 'id', 'code']) || ''});
        var known = STATUSES[severity] || {};
        item.appendChild(el('span', {'class': 'badge badge-' + (known.tone || 'neutral')}, known.label || severity));
        item.appendChild(document.createTextNode(' '));
        item.appendChild(el('span', {'class': 'finding-message'}, withLabels(pick(f, ['message', 'detail', 'text']))));
        var where = pick(f, ['location', 'where']);
        if (where) { item.appendChild(el('span', {'class': 'finding-location'}, '位置：' + withLabels(where))); }
        var key = findingField(f);
        if (key && control(key)) {
            var go = el('button', {type: 'button', 'class': 'btn btn-small finding-go', 'aria-label': '转到字段：' + label(key)}, '转到该字段');
            go.addEventListener('click', function () { control(key).focus(); });
            item.appendChild(document.createTextNode(' '));
            item.appendChild(go);
        }
        return item;
    }

    /**
     * The findings of the text: what needs the author's attention (严重, 警告) listed first, the
     * hints (提示: rounding in the tables) folded away; changed only when they changed, so the live
     * region speaks only then.
     */
    function showFindings(body) {
        var findings = (Array.isArray(body) ? body : (body && (body.findings || body.items)) || []).slice();
        var key = JSON.stringify(findings);
        var summary = byId('check-summary');
        summary.removeAttribute('data-busy');
        if (key === lastFindings) { return; }
        lastFindings = key;
        findings.sort(function (a, b) {
            return (SEVERITY_ORDER[a.severity] === undefined ? 3 : SEVERITY_ORDER[a.severity])
                - (SEVERITY_ORDER[b.severity] === undefined ? 3 : SEVERITY_ORDER[b.severity]);
        });
        var serious = findings.filter(function (f) { return f.severity !== 'INFO'; });
        var hints = findings.filter(function (f) { return f.severity === 'INFO'; });
        var list = byId('check-list');
        list.replaceChildren.apply(list, serious.map(findingItem));
        var folded = byId('check-hints');
        folded.hidden = hints.length === 0;
        byId('check-hints-summary').textContent = '另有 ' + hints.length + ' 条提示（不影响发布）';
        var hintList = byId('check-hints-list');
        hintList.replaceChildren.apply(hintList, hints.map(findingItem));
        var counts = {};
        serious.forEach(function (f) { counts[f.severity] = (counts[f.severity] || 0) + 1; });
        summary.textContent = serious.length === 0 ? '没有需要处理的问题。'
            : '发现 ' + serious.length + ' 个需要处理的问题：' + Object.keys(counts).map(function (s) {
                return (STATUSES[s] ? STATUSES[s].label : s) + ' ' + counts[s] + ' 个';
            }).join('，') + '。';
        summary.className = serious.length === 0 ? 'ok' : 'attention';
    }

    function checkRefused(result) {
        var summary = byId('check-summary');
        summary.removeAttribute('data-busy');
        lastFindings = null;
        byId('check-list').replaceChildren();
        byId('check-hints').hidden = true;
        summary.textContent = '无法检查：' + reason(result);
        summary.className = 'error';
    }

    /** The preview follows the field being edited: its paragraph is marked and scrolled into the preview's box. */
    function follow(node) {
        var box = byId('preview-body');
        Array.prototype.forEach.call(box.querySelectorAll('.preview-current'), function (p) { p.classList.remove('preview-current'); });
        if (!node || !node.value || !form.contains(node)) { return; }
        var needle = node.value.replace(/\s+/g, '').slice(0, 24);
        if (needle.length < 2) { return; }
        var hit = Array.prototype.find.call(box.querySelectorAll('.preview-paragraph'), function (p) {
            return p.textContent.replace(/\s+/g, '').indexOf(needle) >= 0;
        });
        if (hit) {
            hit.classList.add('preview-current');
            var top = hit.offsetTop - box.offsetTop;
            if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - hit.offsetHeight) {
                box.scrollTop = Math.max(0, top - 40);
            }
        }
    }

    /* ---------------------------------------------------------------- saving */

    function save() {
        if (!CAN_EDIT) { return; }
        clearErrors();
        var button = byId('words-save');
        button.disabled = true;
        byId('save-state').textContent = '正在保存……';
        var before = state.version;
        call('PUT', '', {words: collect()}, {'If-Match': state.etag || '"0"'}).then(function (result) {
            button.disabled = false;
            if (result.status === 200 || result.status === 201) {
                saved(result, before);
            } else if (result.status === 412) {
                stale(result.body);
            } else if (result.status === 400) {
                var named = showRefusedFields(result.body);
                message('bad', ['保存未成功：' + (named.length ? '以下字段不合要求，已在字段下方注明：' + named.join('、') + '。' : reason(result) + '。')]);
                updateSaveState();
            } else if (result.status === 401) {
                message('bad', ['保存未成功：' + reason(result) + '。', ' ', el('a', {href: '/login'}, '重新登录')]);
                updateSaveState();
            } else {
                message('bad', ['保存未成功：' + reason(result) + '。']);
                updateSaveState();
            }
        }).catch(function () {
            button.disabled = false;
            message('bad', ['保存未成功：无法连接中枢，您的修改仍在表单中，请稍后再试。']);
            updateSaveState();
        });
    }

    function saved(result, before) {
        var body = result.body || {};
        state.etag = result.etag || state.etag;
        state.version = pick(body, ['version']) || state.version;
        state.status = pick(body, ['status']) || state.status;
        state.current = body;
        if (body.words) { fill(body.words); }
        state.baseline = JSON.stringify(collect());
        if (before && state.version === before) {
            message('ok', ['内容与第 ' + before + ' 版相同，没有生成新版本。']);
            describeState();
            updateSaveState();
            return;
        }
        var what = KIND === '部门' ? '本部门' : (DEPARTMENT ? '本单位及所属部门 ' + DEPARTMENT + ' ' : '本单位');
        var parts = ['已保存为第 ' + state.version + ' 版。正在重新生成' + what + '的公开包，新版本将进入审核，经审核员批准后发布。'];
        if (AGENCY_HREF) {
            parts.push(' ');
            parts.push(el('a', {href: AGENCY_HREF, id: 'saved-agency-link'}, '查看' + KIND + '页面（生成进度与待审核版本）'));
        }
        if (AGENCY_HREF && DEPARTMENT && DEPARTMENT_HREF) {
            parts.push('　');
            parts.push(el('a', {href: DEPARTMENT_HREF, id: 'saved-department-link'}, '查看部门页面'));
        }
        message('ok', parts);
        loadVersions().then(function () { describeState(); updateSaveState(); });
    }

    /** Someone saved a newer version since this one was loaded: the author's words stay in the form. */
    function stale(problem) {
        updateSaveState();
        call('GET', '').then(function (result) {
            var newer = result.status === 200 ? result.body : null;
            var compare = el('button', {type: 'button', 'class': 'btn btn-small', id: 'stale-compare'}, '比较我的修改与最新版本');
            var reload = el('button', {type: 'button', 'class': 'btn btn-small btn-danger', id: 'stale-reload'}, '载入最新版本（放弃我的修改）');
            var keep = el('button', {type: 'button', 'class': 'btn btn-small', id: 'stale-keep'}, '以我的内容覆盖最新版本');
            var n = newer ? newer.version : (problem && problem.version) || null;
            var box = message('bad', ['保存未成功：在您编辑期间，' + (n ? '已有人保存了更新的第 ' + n + ' 版' : '已有人保存了更新的版本')
                + '，您的修改没有保存，仍在表单中。请先比较，再决定载入最新版本，还是以您的内容保存为新版本。', el('br')]);
            box.setAttribute('id', 'words-message-stale');
            var row = el('span', {'class': 'button-row stale-actions'});
            row.appendChild(compare);
            row.appendChild(reload);
            row.appendChild(keep);
            box.appendChild(row);
            compare.addEventListener('click', function () {
                loadVersions().then(function () { compareWith(n ? String(n) : 'latest', 'form'); });
            });
            reload.addEventListener('click', function () {
                if (!window.confirm('载入最新版本会放弃您在表单中的修改，确定吗？')) { return; }
                loadWords().then(function () { message('ok', ['已载入最新的第 ' + state.version + ' 版。']); refresh(); });
            });
            keep.addEventListener('click', function () {
                state.etag = result.etag || (n ? '"' + n + '"' : null);
                state.version = n;
                state.status = newer ? newer.status : state.status;
                describeState();
                message('warn', ['您的内容将以第 ' + n + ' 版为基础保存：点“保存为新版本”即覆盖第 ' + n + ' 版的内容。']);
                byId('words-save').focus();
            });
            compare.focus();
        });
    }

    /* ---------------------------------------------------------------- versions, diffs, going back */

    function loadVersions() {
        return call('GET', '/versions').then(function (result) {
            var list = result.status === 200 ? (Array.isArray(result.body) ? result.body : (result.body && result.body.versions) || []) : [];
            state.versions = list.slice().sort(function (a, b) { return b.version - a.version; });
            state.latest = state.versions[0] || null;
            showVersions();
        });
    }

    function showVersions() {
        var body = byId('history-body');
        var has = state.versions.length > 0;
        byId('history-table').hidden = !has;
        byId('history-empty').hidden = has;
        byId('compare-form').hidden = !has;
        body.replaceChildren.apply(body, state.versions.map(function (v, i) {
            var row = el('tr', {'data-version': v.version});
            var head = el('th', {scope: 'row'}, '第 ' + v.version + ' 版');
            if (i === 0) { head.appendChild(el('span', {'class': 'tag tag-current'}, '最新')); }
            if (v.version === state.version && i > 0) { head.appendChild(el('span', {'class': 'tag'}, '表单所依据')); }
            row.appendChild(head);
            var status = el('td');
            status.appendChild(statusBadge(v.status, v.statusLabel));
            row.appendChild(status);
            var author = pick(v, ['author', 'savedBy', 'username', 'by', 'createdBy']);
            var who = el('td', {}, savedBy(author) || '—');
            if (v.sourceLabel && !/^import:/.test(author || '')) { who.appendChild(el('span', {'class': 'muted'}, '（' + v.sourceLabel + '）')); }
            row.appendChild(who);
            var at = pick(v, ['savedAt', 'at', 'createdAt', 'time']);
            var time = el('td');
            time.appendChild(el('time', {datetime: at || ''}, formatTime(at)));
            row.appendChild(time);
            var actions = el('td', {'class': 'version-actions'});
            var older = state.versions[i + 1];
            if (older) {
                var diff = el('button', {type: 'button', 'class': 'btn btn-small', 'aria-label': '第 ' + v.version + ' 版与第 ' + older.version + ' 版比较'},
                    '与上一版比较');
                diff.addEventListener('click', function () { compareWith(String(older.version), String(v.version)); });
                actions.appendChild(diff);
            }
            var mine = el('button', {type: 'button', 'class': 'btn btn-small', 'aria-label': '第 ' + v.version + ' 版与当前编辑的内容比较'},
                '与当前编辑比较');
            mine.addEventListener('click', function () { compareWith(String(v.version), 'form'); });
            actions.appendChild(mine);
            if (CAN_EDIT && v.version !== state.version) {
                var back = el('button', {type: 'button', 'class': 'btn btn-small', id: 'restore-' + v.version,
                    'aria-label': '恢复第 ' + v.version + ' 版：载入表单，保存后成为新版本'}, '恢复此版本');
                back.addEventListener('click', function () { restore(v.version); });
                actions.appendChild(back);
            }
            row.appendChild(actions);
            return row;
        }));
        ['compare-from', 'compare-to'].forEach(function (id, which) {
            var select = byId(id);
            var chosen = select.value;
            var options = state.versions.map(function (v) {
                return el('option', {value: String(v.version)}, '第 ' + v.version + ' 版（' + statusLabel(v.status, v.statusLabel) + '）');
            });
            options.unshift(el('option', {value: 'form'}, '当前编辑的内容（未保存）'));
            select.replaceChildren.apply(select, options);
            select.value = chosen || (which === 0 ? (state.versions[0] ? String(state.versions[0].version) : 'form') : 'form');
            if (!select.value) { select.selectedIndex = 0; }
        });
    }

    var versionCache = {};

    /** The words of a version: 'form' is what the form holds, 'latest' the newest saved. */
    function wordsOf(which) {
        if (which === 'form') { return Promise.resolve(collect()); }
        if (which === 'latest') {
            return call('GET', '').then(function (r) { return r.status === 200 ? normalise(r.body.words) : emptyWords(); });
        }
        if (versionCache[which]) { return Promise.resolve(versionCache[which]); }
        return call('GET', '/versions/' + encodeURIComponent(which)).then(function (r) {
            if (r.status !== 200 || !r.body) { throw new Error(reason(r)); }
            versionCache[which] = normalise(r.body.words || r.body);
            return versionCache[which];
        });
    }

    function nameOf(which) {
        return which === 'form' ? '当前编辑的内容' : which === 'latest' ? '最新版本' : '第 ' + which + ' 版';
    }

    function compareWith(from, to) {
        var result = byId('diff-result');
        byId('compare-from').value = from;
        byId('compare-to').value = to;
        result.hidden = false;
        result.replaceChildren(el('p', {'class': 'muted'}, '正在比较……'));
        Promise.all([wordsOf(from), wordsOf(to)]).then(function (pair) {
            showDiff(pair[0], pair[1], nameOf(from), nameOf(to));
            result.focus();
        }).catch(function (error) {
            result.replaceChildren(el('p', {'class': 'flash flash-bad'}, '无法比较：' + error.message));
        });
    }

    function restore(version) {
        wordsOf(String(version)).then(function (words) {
            if (dirty() && !window.confirm('恢复第 ' + version + ' 版会替换表单中尚未保存的修改，确定吗？')) { return; }
            fill(words);
            changed();
            var next = (state.versions[0] ? state.versions[0].version : 0) + 1;
            message('warn', ['已将第 ' + version + ' 版的内容载入表单（尚未保存）。检查预览和校验结果后，点“保存为新版本”，它将成为第 '
                + next + ' 版。']);
            var first = form.querySelector('textarea, input');
            if (first) { first.focus(); }
        }).catch(function (error) {
            message('bad', ['无法载入第 ' + version + ' 版：' + error.message]);
        });
    }

    /* A word and character diff: runs of Latin letters and digits (an amount such as 122.38) are one token, every other character its own. */
    function tokens(value) { return value.match(/[A-Za-z0-9.%]+|\s+|[\s\S]/g) || []; }

    /** The operations turning a into b: [['=', text], ['-', text], ['+', text]…], merged. */
    function diffText(a, b) {
        var x = tokens(a);
        var y = tokens(b);
        var start = 0;
        while (start < x.length && start < y.length && x[start] === y[start]) { start++; }
        var endX = x.length;
        var endY = y.length;
        while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) { endX--; endY--; }
        var ops = [];
        if (start > 0) { ops.push(['=', x.slice(0, start).join('')]); }
        var mx = x.slice(start, endX);
        var my = y.slice(start, endY);
        var n = mx.length;
        var m = my.length;
        if (n * m > 4000000) {
            ops.push(['-', mx.join('')]);
            ops.push(['+', my.join('')]);
        } else {
            var table = new Uint32Array((n + 1) * (m + 1));
            for (var i = n - 1; i >= 0; i--) {
                for (var j = m - 1; j >= 0; j--) {
                    table[i * (m + 1) + j] = mx[i] === my[j] ? table[(i + 1) * (m + 1) + j + 1] + 1
                        : Math.max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
                }
            }
            var p = 0;
            var q = 0;
            while (p < n || q < m) {
                // The old text before the new where both change: struck first, then its replacement.
                if (p < n && q < m && mx[p] === my[q]) { ops.push(['=', mx[p]]); p++; q++; }
                else if (p < n && (q === m || table[(p + 1) * (m + 1) + q] >= table[p * (m + 1) + q + 1])) { ops.push(['-', mx[p]]); p++; }
                else { ops.push(['+', my[q]]); q++; }
            }
        }
        if (endX < x.length) { ops.push(['=', x.slice(endX).join('')]); }
        var merged = [];
        ops.forEach(function (op) {
            if (!op[1]) { return; }
            var last = merged[merged.length - 1];
            if (last && last[0] === op[0]) { last[1] += op[1]; } else { merged.push([op[0], op[1]]); }
        });
        return merged;
    }

    function showDiff(a, b, nameA, nameB) {
        var result = byId('diff-result');
        var out = document.createDocumentFragment();
        out.appendChild(el('h3', {id: 'diff-heading'}, nameA + ' → ' + nameB));
        var changedKeys = [];
        var blocks = [];
        Object.keys(FIELD_LABELS).forEach(function (key) {
            var before = key === 'notes' ? a.notes.join('\n') : get(a, key);
            var after = key === 'notes' ? b.notes.join('\n') : get(b, key);
            if (before === after) { return; }
            changedKeys.push(label(key));
            var block = el('div', {'class': 'field-diff', 'data-key': key});
            block.appendChild(el('h4', {}, label(key)));
            var line = el('p', {'class': 'inline-diff'});
            diffText(before, after).forEach(function (op) {
                line.appendChild(op[0] === '=' ? el('span', {}, op[1]) : el(op[0] === '-' ? 'del' : 'ins', {}, op[1]));
            });
            if (!before) { line.insertBefore(el('span', {'class': 'diff-label label-new'}, '新填'), line.firstChild); }
            if (!after) { line.insertBefore(el('span', {'class': 'diff-label label-old'}, '清空'), line.firstChild); }
            block.appendChild(line);
            blocks.push(block);
        });
        if (!changedKeys.length) {
            out.appendChild(el('p', {'class': 'muted diff-none'}, '两者的说明文字完全相同。'));
        } else {
            out.appendChild(el('p', {'class': 'diff-summary'}, '变化的字段（' + changedKeys.length + ' 个）：' + changedKeys.join('、') + '；其余字段相同。'));
            var legend = el('p', {'class': 'diff-legend muted'}, '图例：');
            legend.appendChild(el('del', {}, '删去的文字'));
            legend.appendChild(document.createTextNode('（删除线），'));
            legend.appendChild(el('ins', {}, '新增的文字'));
            legend.appendChild(document.createTextNode('（下划线）。'));
            out.appendChild(legend);
            blocks.forEach(function (b2) { out.appendChild(b2); });
        }
        result.replaceChildren(out);
    }

    /* ---------------------------------------------------------------- loading */

    function loadWords() {
        return call('GET', '').then(function (result) {
            if (result.status === 200 && result.body && result.body.version) {
                state.etag = result.etag || '"' + result.body.version + '"';
                state.version = result.body.version;
                state.status = result.body.status;
                state.current = result.body;
                fill(result.body.words);
            } else if (result.status === 404 && result.body && /words-not-found$/.test(result.body.type || '')) {
                state.etag = '"0"';
                state.version = null;
                state.status = null;
                state.current = null;
                fill(state.draft || emptyWords());
            } else {
                throw new Error(reason(result));
            }
            state.baseline = JSON.stringify(collect());
            describeState();
            updateSaveState();
        });
    }

    function loadDraft() {
        return call('GET', '/draft').then(function (result) {
            if (result.status === 200 && result.body) {
                showDraft(result.body);
            } else {
                Array.prototype.forEach.call(document.querySelectorAll('.draft-text'), function (box) {
                    box.replaceChildren(el('span', {'class': 'error'}, '无法读取草稿：' + reason(result)));
                });
            }
        });
    }

    function start() {
        loadDraft().catch(function () { /* shown beside each field */ })
            .then(loadWords)
            .then(function () { return loadVersions(); })
            .then(function () { describeState(); refresh(); })
            .catch(function (error) {
                var out = byId('words-state');
                out.textContent = '无法读取说明文字：' + (error && error.message ? error.message : '无法连接中枢') + '。请刷新页面重试。';
                out.setAttribute('data-state', 'error');
            });
    }

    /* ---------------------------------------------------------------- events */

    form.addEventListener('input', function (event) {
        if (event.target.matches && event.target.matches('textarea, input')) {
            count(event.target);
            var error = byId(event.target.id + '-error');
            if (error && !error.hidden) { error.hidden = true; event.target.removeAttribute('aria-invalid'); }
        }
        changed();
    });
    form.addEventListener('focusin', function (event) { follow(event.target); });
    form.addEventListener('submit', function (event) { event.preventDefault(); save(); });
    form.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('button.take-draft') : null;
        if (button) { takeDraft(button.getAttribute('data-key')); }
    });
    var add = byId('note-add');
    if (add) { add.addEventListener('click', function () { addNote('', true); changed(); }); }
    var all = byId('take-all-drafts');
    if (all) { all.addEventListener('click', takeAllDrafts); }
    byId('compare-form').addEventListener('submit', function (event) {
        event.preventDefault();
        compareWith(byId('compare-from').value, byId('compare-to').value);
    });
    document.addEventListener('keydown', function (event) {
        if ((event.ctrlKey || event.metaKey) && (event.key === 's' || event.key === 'S')) {
            event.preventDefault();
            if (CAN_EDIT) { save(); }
        }
    });

    start();
}());
