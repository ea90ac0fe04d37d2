terraform {
  required_providers {
    processout = {
      source  = "processout/processout"
      version = "~> 1.0"
    }
  }
}

variable "coupon_id" {
  type        = string
  description = "ID of a coupon set up in the ProcessOut dashboard, such as spring25."
}

data "processout_coupon" "campaign" {
  id = var.coupon_id
}

# How much of the coupon's redemption limit is used (0 means no limit).
output "redemptions_left" {
  value = data.processout_coupon.campaign.max_redemptions == 0 ? null : data.processout_coupon.campaign.max_redemptions - data.processout_coupon.campaign.redeemed_number
}
