; A module whose costs are easy to count by hand: @f has 5 instructions;
; mem2reg removes the alloca, the store and the load, leaving 2.
define i32 @f(i32 %x) {
  %p = alloca i32
  store i32 %x, ptr %p
  %v = load i32, ptr %p
  %r = add i32 %v, 1
  ret i32 %r
}
