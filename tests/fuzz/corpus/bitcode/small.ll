; The ProGraML graph of this module is written out by hand, node by node
; and edge by edge, in programl-small.json (see lib/cg_programl.c for the
; definition).  It has two functions, a call, a conditional branch, a phi,
; an operand used twice and numbered (unnamed) values.
define i32 @sq(i32 %0) {
  %2 = mul i32 %0, %0
  ret i32 %2
}

define i32 @main(i32 %n) {
entry:
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %pos, label %done

pos:
  %r = call i32 @sq(i32 %n)
  br label %done

done:
  %v = phi i32 [ %r, %pos ], [ 0, %entry ]
  ret i32 %v
}
