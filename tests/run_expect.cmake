# Runs CMD (arguments separated by '|') and checks its exit status, and
# optionally that its output matches MATCH and not UNMATCH.
#   cmake -DCMD="limber|recommend|x.yaml" -DEXIT=2 -DMATCH="unknown field" -P run_expect.cmake
string(REPLACE "|" ";" command "${CMD}")
if(DEFINED STDIN)
  execute_process(COMMAND ${command} INPUT_FILE "${STDIN}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
else()
  execute_process(COMMAND ${command} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
endif()
if(NOT "${rc}" STREQUAL "${EXIT}")
  message(FATAL_ERROR "exit status ${rc}, expected ${EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED MATCH AND NOT "${out}${err}" MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match '${MATCH}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED UNMATCH AND "${out}${err}" MATCHES "${UNMATCH}")
  message(FATAL_ERROR "output matches '${UNMATCH}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
