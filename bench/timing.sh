# Sourced by the bench scripts: wall-clock helpers in plain bash (no tool outside the project).

ms() { # wall milliseconds of one run of the command, output discarded
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
