# Sanitizers, added to whatever flags the preset gives (the warnings), never
# replacing them. The asan-ubsan and fuzz presets set LIMBER_SANITIZE.
set(LIMBER_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")
if(LIMBER_SANITIZE)
  add_compile_options(-fsanitize=${LIMBER_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  # fuzzer-no-link instruments only; the fuzz targets link libFuzzer themselves.
  string(REPLACE "fuzzer-no-link" "" limber_link_sanitize "${LIMBER_SANITIZE}")
  string(REGEX REPLACE ",+" "," limber_link_sanitize "${limber_link_sanitize}")
  string(REGEX REPLACE "^,|,$" "" limber_link_sanitize "${limber_link_sanitize}")
  if(limber_link_sanitize)
    add_link_options(-fsanitize=${limber_link_sanitize})
  endif()
endif()
