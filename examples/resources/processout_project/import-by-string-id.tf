import {
  to = processout_project.europe
  id = "proj_0123456789abcdefghijklmnopqrstuv"
}
