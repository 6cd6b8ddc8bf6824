# fides_bitcode_library(<target> OUTPUT <file.bc> SOURCES <c files...> [INCLUDES <dirs...>])
#
# Compiles C sources to LLVM bitcode with the clang that matches the LLVM the
# compiler links (clang-19), and links them into one module with llvm-link.
# Every function is compiled for x86_64-linux-gnu as position-independent
# code; the pack's code generator later overrides target-cpu/target-features
# and internalizes everything, so the flags here only decide the C semantics.
# An empty SOURCES list yields a valid, empty bitcode module.
#
# Needs FIDES_CLANG and FIDES_LLVM_LINK (set by compiler/codegen/CMakeLists.txt).
function(fides_bitcode_library target)
  cmake_parse_arguments(PARSE_ARGV 1 BC "" "OUTPUT" "SOURCES;INCLUDES")
  set(work ${CMAKE_CURRENT_BINARY_DIR}/${target}.dir)
  file(MAKE_DIRECTORY ${work})
  set(sources ${BC_SOURCES})
  if(NOT sources)
    set(empty ${work}/empty.c)
    if(NOT EXISTS ${empty})
      file(WRITE ${empty} "/* no built-ins yet: an empty bitcode module */\n")
    endif()
    set(sources ${empty})
  endif()
  set(include_flags)
  foreach(dir ${BC_INCLUDES})
    list(APPEND include_flags -I${dir})
  endforeach()
  # -ffreestanding is deliberately not used: it would stop LLVM from knowing
  # memcpy/memcmp, and the built-ins may use libc. The pack depends on libc
  # and libm only. No stack protector, no unwind tables: C code never throws.
  set(flags --target=x86_64-linux-gnu -O2 -emit-llvm -c -fPIC -std=c11
      -fno-stack-protector -fno-exceptions -fno-unwind-tables
      -fno-asynchronous-unwind-tables -fno-math-errno -fno-ident
      -fno-common -ffp-contract=off -DNDEBUG -DFIDES_BITCODE=1
      -Wall -Wno-unused-function)
  set(bitcodes)
  foreach(src ${sources})
    get_filename_component(stem ${src} NAME_WE)
    set(bc ${work}/${stem}.bc)
    add_custom_command(
      OUTPUT ${bc}
      COMMAND ${FIDES_CLANG} ${flags} ${include_flags} -MD -MF ${bc}.d -o ${bc} ${src}
      DEPENDS ${src}
      DEPFILE ${bc}.d
      COMMENT "Compiling ${stem}.c to bitcode"
      VERBATIM)
    list(APPEND bitcodes ${bc})
  endforeach()
  add_custom_command(
    OUTPUT ${BC_OUTPUT}
    COMMAND ${FIDES_LLVM_LINK} -o ${BC_OUTPUT} ${bitcodes}
    DEPENDS ${bitcodes}
    COMMENT "Linking ${target} bitcode"
    VERBATIM)
  add_custom_target(${target} DEPENDS ${BC_OUTPUT})
endfunction()

# fides_embed_file(<input> <output.cpp> <symbol>)
#
# Generates a C++ file defining
#   extern const unsigned char <symbol>[]; extern const unsigned long <symbol>_size;
# with the bytes of <input>, so the binary carries the file and stays relocatable.
function(fides_embed_file input output symbol)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P ${FIDES_CODEGEN_DIR}/embed_file.cmake
    DEPENDS ${input} ${FIDES_CODEGEN_DIR}/embed_file.cmake
    COMMENT "Embedding ${symbol}"
    VERBATIM)
endfunction()
