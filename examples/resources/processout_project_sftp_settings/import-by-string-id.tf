import {
  to = processout_project_sftp_settings.payout_exports
  id = "proj_0123456789abcdefghijklmnopqrstuv"
}
