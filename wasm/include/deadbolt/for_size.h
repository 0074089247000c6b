// DEADBOLT_FOR_SIZE marks a function of a file built for speed (-O3 in the
// decider) that runs rarely: a message link's recipients, a phone number,
// a co-parent's channel, a URL not yet in serialised form. Clang (the
// WebAssembly builds) optimises it for size, so that the start path keeps
// its budget (DESIGN.md §5); GCC (the native builds) only keeps it out of
// line.
#pragma once

#if defined(__clang__)
#define DEADBOLT_FOR_SIZE __attribute__((minsize, noinline))
#else
#define DEADBOLT_FOR_SIZE __attribute__((noinline))
#endif
