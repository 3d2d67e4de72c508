# Renders PROFILE with `limber COMMAND --format FORMAT` (COMMAND: recommend
# unless given) and compares it with EXPECTED. With the environment variable
# LIMBER_UPDATE_GOLDEN set, writes EXPECTED instead (then review the diff
# before committing).
if(NOT DEFINED COMMAND)
  set(COMMAND recommend)
endif()
execute_process(COMMAND "${LIMBER}" ${COMMAND} "${PROFILE}" --format "${FORMAT}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE actual ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "limber exited with ${rc}:\n${err}")
endif()
if(DEFINED ENV{LIMBER_UPDATE_GOLDEN})
  file(WRITE "${EXPECTED}" "${actual}")
  return()
endif()
file(READ "${EXPECTED}" expected)
if(NOT actual STREQUAL expected)
  file(WRITE "${EXPECTED}.actual" "${actual}")
  execute_process(COMMAND diff -u "${EXPECTED}" "${EXPECTED}.actual")
  message(FATAL_ERROR "${EXPECTED} differs from what limber renders now (written to ${EXPECTED}.actual); "
                      "if the change is intended, rerun with LIMBER_UPDATE_GOLDEN=1")
endif()
