# Needs a CLI with resource identity (Terraform 1.12+, OpenTofu 1.12+).
import {
  to = processout_project.europe
  identity = {
    id = "proj_0123456789abcdefghijklmnopqrstuv"
  }
}
