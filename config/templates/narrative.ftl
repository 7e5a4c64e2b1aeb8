<#--
  单位预算情况说明 (the 说明 of a budget disclosure). Operators may change any wording here; no Java
  change is needed. The hub reloads this file when it changes.

  How it is read:
  - every output line is one paragraph; a line starting with "# " opens a new section (its heading);
  - blank lines are dropped, and white space around a line does not matter;
  - "title" below is the document title.

  What the hub provides (all amounts already in 万元, narrative format: 1587.88, 1000, 87.9, 0):
  year, previousYear, agencyName;
  income.{all, n11, n12, n13, n31, n32, other, carryOver, change};
  expenditure.{all, classes[{code, name, amount}], change};
  generalPublic.{total, change, basic, basicChange, project, projectChange};
  governmentFund.{none, total, change};
  sangong.{total, abroad, reception, vehicleOperation, vehiclePurchase} and each with "Change";
  adminCost.{inScope, amount, change}; procurement.{none, total, goods, works, services};
  performance.{all, count, amount}; vehicles.{held, generalHeld, enforcementHeld, planned,
  generalPlanned, enforcementPlanned};
  drivers.{allFunds, generalPublicBasic, generalPublicProject, governmentFund, adminCost}: lists of
  {kind, code, change}, the changes behind the stated ones that the hub's drafted reasons quote;
  a change is {increase (true when ≥ 0), amount (absolute value)};
  authored words: duties and composition (lists of lines), reasons.{income, expenditure, basic,
  project, fund, adminCost, sangong, sangongAbroad, sangongReception, sangongVehicleOperation,
  sangongVehiclePurchase} ("" when absent), notes (list), contact.{name, phone};
  cn(n): the Chinese numeral of n (5 → 五).
-->
<#assign title = agencyName + year + " 年单位预算情况说明">
<#-- "增加 X 万元" / "减少 X 万元" -->
<#macro change c><#if c.increase>增加<#else>减少</#if> ${c.amount} 万元</#macro>
<#-- An authored reason follows a "，"; when there is none the sentence simply ends. -->
<#macro reason r><#if r?has_content>，${r}</#if></#macro>
# 一、单位基本情况
（一）职能职责
<#list duties as line>
${line}
</#list>
（二）单位构成
<#list composition as line>
${line}
</#list>
# 二、单位收支总体情况
（一）收入预算：${year} 年年初预算数 ${income.all} 万元，其中：一般公共预算拨款 ${income.n11} 万元，政府性基金预算拨款 ${income.n12} 万元，国有资本经营预算收入 ${income.n13} 万元，事业收入 ${income.n31} 万元，事业单位经营收入 ${income.n32} 万元，其他收入 ${income.other} 万元，上年结转 ${income.carryOver} 万元。收入较 ${previousYear} 年<@change income.change/><@reason reasons.income/>。
（二）支出预算：${year} 年年初预算数 ${expenditure.all} 万元，其中：<#list expenditure.classes as c>${c.name}预算 ${c.amount} 万元<#sep>，</#list>。支出预算较 ${previousYear} 年<@change expenditure.change/><@reason reasons.expenditure/>。
# 三、单位预算情况说明
${year} 年一般公共预算财政拨款收入 ${generalPublic.total} 万元，一般公共预算财政拨款支出 ${generalPublic.total} 万元，比 ${previousYear} 年<@change generalPublic.change/>。其中：基本支出 ${generalPublic.basic} 万元，比 ${previousYear} 年<@change generalPublic.basicChange/><@reason reasons.basic/>；项目支出 ${generalPublic.project} 万元，比 ${previousYear} 年<@change generalPublic.projectChange/><@reason reasons.project/>。
<#if governmentFund.none>
${agencyName} ${year} 年无使用政府性基金预算拨款安排的支出。
<#else>
${agencyName} ${year} 年政府性基金预算拨款支出 ${governmentFund.total} 万元，比 ${previousYear} 年<@change governmentFund.change/><@reason reasons.fund/>。
</#if>
# 四、“三公”经费情况说明
${year} 年“三公”经费预算 ${sangong.total} 万元，比 ${previousYear} 年<@change sangong.totalChange/><@reason reasons.sangong/>。其中：因公出国（境）费用 ${sangong.abroad} 万元，比 ${previousYear} 年<@change sangong.abroadChange/><@reason reasons.sangongAbroad/>；公务接待费 ${sangong.reception} 万元，比 ${previousYear} 年<@change sangong.receptionChange/><@reason reasons.sangongReception/>；公务用车运行维护费 ${sangong.vehicleOperation} 万元，比 ${previousYear} 年<@change sangong.vehicleOperationChange/><@reason reasons.sangongVehicleOperation/>；公务用车购置费 ${sangong.vehiclePurchase} 万元，比 ${previousYear} 年<@change sangong.vehiclePurchaseChange/><@reason reasons.sangongVehiclePurchase/>。
# 五、其他重要事项的情况说明
<#if adminCost.inScope>
（一）机关运行经费。${year} 年机关运行经费预算 ${adminCost.amount} 万元，比 ${previousYear} 年<@change adminCost.change/><@reason reasons.adminCost/>。
<#else>
（一）我单位不在机关运行经费统计范围之内。
</#if>
<#if procurement.none>
（二）政府采购情况。我单位 ${year} 年度未安排政府采购支出。
<#else>
（二）政府采购情况。我单位 ${year} 年度政府采购预算 ${procurement.total} 万元，其中：货物类 ${procurement.goods} 万元，工程类 ${procurement.works} 万元，服务类 ${procurement.services} 万元。
</#if>
<#if performance.all>
（三）绩效目标设置情况。${year} 年项目支出均实行了绩效目标管理，涉及一般公共预算当年财政拨款 ${performance.amount} 万元。
<#else>
（三）绩效目标设置情况。${year} 年实行绩效目标管理的项目 ${performance.count} 个，涉及一般公共预算当年财政拨款 ${performance.amount} 万元。
</#if>
（四）国有资产占有使用情况。截止 ${previousYear} 年 12 月，本单位共有车辆 ${vehicles.held} 辆，其中一般公务用车 ${vehicles.generalHeld} 辆、执勤执法用车 ${vehicles.enforcementHeld} 辆。${year} 年一般公共预算安排购置车辆 ${vehicles.planned} 辆，其中一般公务用车 ${vehicles.generalPlanned} 辆、执勤执法用车 ${vehicles.enforcementPlanned} 辆。
<#list notes as note>
（${cn(note?index + 5)}）${note}
</#list>
# 六、专业性名词解释
（一）财政拨款收入：指本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款和政府性基金预算财政拨款。
（二）其他收入：指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。
（三）基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。
（四）项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。
（五）“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费、公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置费反映单位公务用车购置支出（含车辆购置税）；公务用车运行维护费反映单位按规定保留的公务用车燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。
单位预算公开联系人：${contact.name} 联系方式：${contact.phone}
