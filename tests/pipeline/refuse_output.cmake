# `kapstok build --out <the project>` must refuse (exit 2) and delete nothing.
foreach(out ${SOURCE} ${SOURCE}/content ${SOURCE}/..)
  execute_process(COMMAND ${KAPSTOK} build --project ${SOURCE} --out ${out}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 2)
    message(FATAL_ERROR "--out ${out}: expected exit 2, got ${rc}\n${err}")
  endif()
  if(NOT err MATCHES "refusing to write the site")
    message(FATAL_ERROR "--out ${out}: no refusal message:\n${err}")
  endif()
endforeach()
if(NOT EXISTS ${SOURCE}/kapstok.yaml OR NOT EXISTS ${SOURCE}/content/index.md)
  message(FATAL_ERROR "the project was damaged")
endif()
