# SFTP settings are imported by the ID of the project they belong to, which
# must be the provider's connected project. The credential cannot be read
# back: after the import, the first apply sends the configured one.
terraform import processout_project_sftp_settings.payout_exports proj_0123456789abcdefghijklmnopqrstuv
