-- 支出功能分类科目 of the budget year and the previous year.
SELECT fiscal_year, code, name FROM ele_exp_func WHERE fiscal_year IN (:#year, :#previousYear)
