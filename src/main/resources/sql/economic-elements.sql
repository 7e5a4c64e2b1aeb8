-- 部门预算支出经济分类科目 of the budget year and the previous year.
SELECT fiscal_year, code, name FROM ele_dep_bgt_eco WHERE fiscal_year IN (:#year, :#previousYear)
