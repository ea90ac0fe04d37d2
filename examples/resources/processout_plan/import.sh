# A plan is imported by the ID it was created with.
terraform import processout_plan.silver_monthly silver-monthly
