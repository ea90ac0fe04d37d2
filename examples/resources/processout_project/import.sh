# A project is imported by its ID. Its private_key is only returned when the
# project is created, so it is null after an import.
terraform import processout_project.europe proj_0123456789abcdefghijklmnopqrstuv
