import {
  to = processout_coupon.spring
  id = "spring25"
}
