# Run by `cmake --install` (and cpack) after the rules, catalogue and schemas
# are copied to PREFIX/LIMBER_DATA_DIR. In the source tree the first line of
# every YAML file points at src/dist/schemas/; installed, the schemas sit in
# LIMBER_DATA_DIR/schemas, so the line is rewritten to point there.
if(NOT LIMBER_DATA_DIR)
  message(FATAL_ERROR "install_data.cmake: LIMBER_DATA_DIR is not set")
endif()
if(IS_ABSOLUTE "${LIMBER_DATA_DIR}")
  set(data "$ENV{DESTDIR}${LIMBER_DATA_DIR}")
else()
  set(data "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${LIMBER_DATA_DIR}")
endif()
file(GLOB_RECURSE yaml_files "${data}/rules/*.yaml" "${data}/catalogue/*.yaml")
set(count 0)
foreach(path IN LISTS yaml_files)
  file(READ "${path}" text)
  if(text MATCHES "^# yaml-language-server: \\$schema=[^\n]*src/dist/schemas/([^\n]*)")
    set(schema "${CMAKE_MATCH_1}")
    get_filename_component(dir "${path}" DIRECTORY)
    file(RELATIVE_PATH rel "${dir}" "${data}/schemas/${schema}")
    string(REGEX REPLACE "^# yaml-language-server: \\$schema=[^\n]*" "# yaml-language-server: $schema=${rel}" text
                         "${text}")
    file(WRITE "${path}" "${text}")
    math(EXPR count "${count} + 1")
  endif()
endforeach()
message(STATUS "Pointed ${count} YAML files at ${data}/schemas")
