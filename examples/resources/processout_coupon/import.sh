# A coupon is imported by the ID it was created with.
terraform import processout_coupon.spring spring25
