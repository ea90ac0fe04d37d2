import {
  to = processout_plan.silver_monthly
  id = "silver-monthly"
}
