// The full core's snprintf and sprintf (siprintf): hexadecimal numbers and pointers
// only, which is all their two callers ask for.
//
// Why: nlohmann's lexer writes a control character it refuses as
// snprintf("<U+%.4X>") into its error message ("last read: '"a<U+001F>'"),
// and embind names a type it has no name for with sprintf("%p"). Those two
// calls linked libc's whole printf: its floating-point formatting and the
// 128-bit float arithmetic it needs, about 11 KB of the full core's 250 KB
// budget. Defined here, the linker takes these and leaves libc's out.
// (nlohmann's serializer writes "\u%04x", the same shape; the core never
// calls it.)
//
// Conversions: "%x", "%X" and "%p", with a '0' flag, a width, a precision
// and the length modifiers "hh", "h" and "l"; other text is copied. Any other
// conversion writes nothing more and returns -1, the encoding error of C's
// printf: the caller's message then lacks that value, nothing else.
#include <cstdarg>
#include <cstddef>

namespace {

// Reads a decimal number at *p and moves past it.
int read_number(const char*& p) {
  int n = 0;
  while (*p >= '0' && *p <= '9') n = n * 10 + (*p++ - '0');
  return n;
}

int format_hex(char* buffer, std::size_t size, const char* format, std::va_list args) {
  std::size_t length = 0;
  auto put = [&](char c) {
    if (length + 1 < size) buffer[length] = c;
    ++length;
  };
  int result = 0;
  for (const char* p = format; *p != '\0' && result == 0; ++p) {
    if (*p != '%') {
      put(*p);
      continue;
    }
    ++p;
    if (*p == '%') {
      put('%');
      continue;
    }
    const bool zero = *p == '0';
    const int width = read_number(p);
    int digits = zero ? width : 1;
    if (*p == '.') digits = read_number(++p);
    int longs = 0;
    for (; *p == 'h' || *p == 'l'; ++p) longs += *p == 'l';
    if (longs > 1) {  // "ll": 64 bits, which no caller asks for
      result = -1;
      break;
    }
    if (*p == 'p') {  // a pointer: 32 bits here, written as glibc and musl do
      put('0');
      put('x');
    } else if (*p != 'x' && *p != 'X') {
      result = -1;
      break;
    }
    // Every length up to int is passed as an unsigned int; "l" is 32 bits here.
    unsigned value = va_arg(args, unsigned);
    char text[8];
    int count = 0;
    do {
      text[count++] = (*p == 'X' ? "0123456789ABCDEF" : "0123456789abcdef")[value & 15];
      value >>= 4;
    } while (value != 0);
    for (int i = count > digits ? count : digits; i < width; ++i) put(' ');
    for (int i = count; i < digits; ++i) put('0');
    while (count > 0) put(text[--count]);
  }
  if (size > 0) buffer[length < size ? length : size - 1] = '\0';
  return result < 0 ? result : static_cast<int>(length);
}

}  // namespace

extern "C" int snprintf(char* buffer, std::size_t size, const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  const int written = format_hex(buffer, size, format, args);
  va_end(args);
  return written;
}

// embind's sprintf, as LLVM calls it when no argument is a floating-point
// number (libc's siprintf shares an object file with its sprintf: a call
// to sprintf from anywhere would make the link fail, not pass unseen).
extern "C" int siprintf(char* buffer, const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  const int written = format_hex(buffer, static_cast<std::size_t>(-1), format, args);
  va_end(args);
  return written;
}
