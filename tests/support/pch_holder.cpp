// Builds the precompiled header that the test executables of one group reuse
// (tests/CMakeLists.txt, feedd_add_test_pch). It has no code of its own.
