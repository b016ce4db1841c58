# gongkai_module_includes(<target> <folder>): gives <target> (and whoever links it) the include
# path under which "<folder>/..." headers resolve, and nothing else. Each module gets its own
# include root (a directory holding one symlink to its folder), so a module that does not link
# another cannot include that module's headers: the dependency rule fails at compile time.
function(gongkai_module_includes target folder)
  set(root "${CMAKE_BINARY_DIR}/include/${folder}")
  if(NOT EXISTS "${root}/${folder}")
    file(MAKE_DIRECTORY "${root}")
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/${folder}" "${root}/${folder}" SYMBOLIC)
  endif()
  get_target_property(kind ${target} TYPE)
  if(kind STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE "${root}")
  else()
    target_include_directories(${target} PUBLIC "${root}")
  endif()
endfunction()
