# Runs `kapstok check` on an invalid fixture (with the repo's templates and
# theme beside it, in a temporary copy) and compares its output and exit code
# with the fixture's expected.txt.
set(work ${CMAKE_CURRENT_BINARY_DIR}/fixture-${FIXTURE_NAME})
get_filename_component(name ${FIXTURE} NAME)
set(work ${CMAKE_CURRENT_BINARY_DIR}/fixture-work-${name})
file(REMOVE_RECURSE ${work})
file(COPY ${FIXTURE}/ DESTINATION ${work})
file(COPY ${SOURCE}/templates DESTINATION ${work})
file(COPY ${SOURCE}/themes DESTINATION ${work})
execute_process(COMMAND ${KAPSTOK} check WORKING_DIRECTORY ${work}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(READ ${FIXTURE}/expected.txt expected)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit code 1, got ${rc}\n${err}")
endif()
if(NOT err STREQUAL expected)
  message(FATAL_ERROR "diagnostics differ.\n--- expected\n${expected}\n--- got\n${err}")
endif()
