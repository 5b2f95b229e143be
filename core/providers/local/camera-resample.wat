;; The local animatic's camera kernels (camera-resample.ts drives them; scripts/build-wasm.mjs
;; assembles this file into camera-resample-wasm.ts). Plain integer arithmetic, the same on every
;; machine: a seed renders the same bytes anywhere.
;;
;; Why WebAssembly: the camera resamples every pixel of every frame. In JavaScript that cost more
;; than ffmpeg's perspective filter did (the source-column gathers); here a shuffle does the
;; gathers and every mix runs 8 or 16 pixels per instruction (SIMD): about 0.1 s of CPU for the
;; bench's 4 s 720p clip, where perspective took about 0.75 s.
;;
;; Row taps (12 bytes each, little-endian i32): first source row, second source row, weight of the
;; second in 1/256; column taps come in groups of 8 (see $across). Both are computed in
;; camera-resample.ts for each frame.
(module
  (memory (export "memory") 1)

  ;; One source row across, 8 output pixels a step: into[x] = src[i0]·(256 − f) + src[i1]·f as u16
;; (value × 256). A group (64 bytes, from camera-resample.ts) holds the source index its 16-byte
;; load starts at (i32, then padding), a shuffle that picks each pixel's two source bytes from
;; that load (byte 16), and the weight pairs (256 − f, f) of pixels 0–3 (byte 32) and 4–7 (byte
;; 48) as i16. A window no larger than the picture spans at most 9 source bytes per 8 pixels.
  (func $across (param $src i32) (param $groups i32) (param $count i32) (param $into i32)
    (local $end i32) (local $pairs v128)
    (local.set $end (i32.add (local.get $groups) (i32.shl (local.get $count) (i32.const 6))))
    (block $done
      (br_if $done (i32.ge_u (local.get $groups) (local.get $end)))
      (loop $group
        (local.set $pairs (i8x16.swizzle
          (v128.load (i32.add (local.get $src) (i32.load (local.get $groups))))
          (v128.load offset=16 (local.get $groups))))
        (v128.store (local.get $into)
          (i16x8.narrow_i32x4_u
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $pairs)) (v128.load offset=32 (local.get $groups)))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $pairs)) (v128.load offset=48 (local.get $groups)))))
        (local.set $groups (i32.add (local.get $groups) (i32.const 64)))
        (local.set $into (i32.add (local.get $into) (i32.const 16)))
        (br_if $group (i32.lt_u (local.get $groups) (local.get $end))))))

  ;; One output row: out[x] = (up[x]·(256 − fy) + lo[x]·fy + 32768) >> 16; 8 pixels a step, then the rest.
  (func $down (param $up i32) (param $lo i32) (param $fy i32) (param $out i32) (param $w i32)
    (local $gy i32) (local $x i32) (local $end8 i32)
    (local $vg v128) (local $vf v128) (local $round v128) (local $a v128) (local $b v128) (local $l v128) (local $h v128)
    (local.set $gy (i32.sub (i32.const 256) (local.get $fy)))
    (local.set $vg (i16x8.splat (local.get $gy)))
    (local.set $vf (i16x8.splat (local.get $fy)))
    (local.set $round (i32x4.splat (i32.const 32768)))
    (local.set $end8 (i32.and (local.get $w) (i32.const -8)))
    (block $simd_done
      (loop $simd
        (br_if $simd_done (i32.ge_u (local.get $x) (local.get $end8)))
        (local.set $a (v128.load (i32.add (local.get $up) (i32.shl (local.get $x) (i32.const 1)))))
        (local.set $b (v128.load (i32.add (local.get $lo) (i32.shl (local.get $x) (i32.const 1)))))
        (local.set $l (i32x4.shr_u
          (i32x4.add (i32x4.add (i32x4.extmul_low_i16x8_u (local.get $a) (local.get $vg))
                                (i32x4.extmul_low_i16x8_u (local.get $b) (local.get $vf)))
                     (local.get $round))
          (i32.const 16)))
        (local.set $h (i32x4.shr_u
          (i32x4.add (i32x4.add (i32x4.extmul_high_i16x8_u (local.get $a) (local.get $vg))
                                (i32x4.extmul_high_i16x8_u (local.get $b) (local.get $vf)))
                     (local.get $round))
          (i32.const 16)))
        (local.set $l (i16x8.narrow_i32x4_u (local.get $l) (local.get $h)))
        (v128.store64_lane 0 (i32.add (local.get $out) (local.get $x))
          (i8x16.narrow_i16x8_u (local.get $l) (local.get $l)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $simd)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $x) (local.get $w)))
        (i32.store8 (i32.add (local.get $out) (local.get $x))
          (i32.shr_u
            (i32.add
              (i32.add
                (i32.mul (i32.load16_u (i32.add (local.get $up) (i32.shl (local.get $x) (i32.const 1)))) (local.get $gy))
                (i32.mul (i32.load16_u (i32.add (local.get $lo) (i32.shl (local.get $x) (i32.const 1)))) (local.get $fy)))
              (i32.const 32768))
            (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $rest))))

  ;; A whole plane (w × h, no padding) through its column groups (ceil(w / 8) of them) and row
  ;; taps. Each source row the window touches is interpolated across once; output rows move down
  ;; the source, so the previous lower row is usually the next upper one. bufA and bufB hold
  ;; 8 · ceil(w / 8) u16 each.
  (func (export "plane") (param $src i32) (param $dst i32) (param $w i32) (param $h i32)
                         (param $cols i32) (param $rows i32) (param $bufA i32) (param $bufB i32)
    (local $groups i32)
    (local $y i32) (local $r0 i32) (local $r1 i32) (local $upRow i32) (local $loRow i32)
    (local $up i32) (local $lo i32) (local $t i32)
    (local.set $groups (i32.shr_u (i32.add (local.get $w) (i32.const 7)) (i32.const 3)))
    (local.set $upRow (i32.const -1))
    (local.set $loRow (i32.const -1))
    (local.set $up (local.get $bufA))
    (local.set $lo (local.get $bufB))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $y) (local.get $h)))
        (local.set $r0 (i32.load (local.get $rows)))
        (local.set $r1 (i32.load offset=4 (local.get $rows)))
        (if (i32.ne (local.get $r0) (local.get $upRow))
          (then
            (if (i32.eq (local.get $r0) (local.get $loRow))
              (then
                (local.set $t (local.get $up))
                (local.set $up (local.get $lo))
                (local.set $lo (local.get $t))
                (local.set $upRow (local.get $loRow))
                (local.set $loRow (i32.const -1)))
              (else
                (call $across (i32.add (local.get $src) (i32.mul (local.get $r0) (local.get $w)))
                              (local.get $cols) (local.get $groups) (local.get $up))
                (local.set $upRow (local.get $r0))))))
        (if (i32.ne (local.get $r1) (local.get $loRow))
          (then
            (if (i32.eq (local.get $r1) (local.get $upRow))
              (then (memory.copy (local.get $lo) (local.get $up) (i32.shl (local.get $w) (i32.const 1))))
              (else
                (call $across (i32.add (local.get $src) (i32.mul (local.get $r1) (local.get $w)))
                              (local.get $cols) (local.get $groups) (local.get $lo))))
            (local.set $loRow (local.get $r1))))
        (call $down (local.get $up) (local.get $lo) (i32.load offset=8 (local.get $rows))
                    (i32.add (local.get $dst) (i32.mul (local.get $y) (local.get $w))) (local.get $w))
        (local.set $rows (i32.add (local.get $rows) (i32.const 12)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $row))))

  ;; out[i] = (a[i]·(256 − alpha) + b[i]·alpha + 128) >> 8 for i < n; 16 bytes a step, then the rest.
  ;; Every term fits 16 bits unsigned (at most 255·256 + 128).
  (func (export "blend") (param $a i32) (param $b i32) (param $out i32) (param $n i32) (param $alpha i32)
    (local $i i32) (local $end16 i32) (local $ka v128) (local $kb v128) (local $round v128)
    (local $va v128) (local $vb v128) (local $l v128) (local $h v128)
    (local.set $ka (i16x8.splat (i32.sub (i32.const 256) (local.get $alpha))))
    (local.set $kb (i16x8.splat (local.get $alpha)))
    (local.set $round (i16x8.splat (i32.const 128)))
    (local.set $end16 (i32.and (local.get $n) (i32.const -16)))
    (block $simd_done
      (loop $simd
        (br_if $simd_done (i32.ge_u (local.get $i) (local.get $end16)))
        (local.set $va (v128.load (i32.add (local.get $a) (local.get $i))))
        (local.set $vb (v128.load (i32.add (local.get $b) (local.get $i))))
        (local.set $l (i16x8.shr_u
          (i16x8.add (i16x8.add (i16x8.mul (i16x8.extend_low_i8x16_u (local.get $va)) (local.get $ka))
                                (i16x8.mul (i16x8.extend_low_i8x16_u (local.get $vb)) (local.get $kb)))
                     (local.get $round))
          (i32.const 8)))
        (local.set $h (i16x8.shr_u
          (i16x8.add (i16x8.add (i16x8.mul (i16x8.extend_high_i8x16_u (local.get $va)) (local.get $ka))
                                (i16x8.mul (i16x8.extend_high_i8x16_u (local.get $vb)) (local.get $kb)))
                     (local.get $round))
          (i32.const 8)))
        (v128.store (i32.add (local.get $out) (local.get $i)) (i8x16.narrow_i16x8_u (local.get $l) (local.get $h)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $simd)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $out) (local.get $i))
          (i32.shr_u
            (i32.add
              (i32.add
                (i32.mul (i32.load8_u (i32.add (local.get $a) (local.get $i))) (i32.sub (i32.const 256) (local.get $alpha)))
                (i32.mul (i32.load8_u (i32.add (local.get $b) (local.get $i))) (local.get $alpha)))
              (i32.const 128))
            (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rest))))
;; The motif particles over a frame, as ffmpeg's overlay filter blends a straight-alpha layer:
  ;; dst[i] = ((dst·(255 − a) + src·a + 128) · 257) >> 16, i < n; 16 bytes a step, then the rest.
  ;; (x · 257) >> 16 is computed as (x + (x >> 8)) >> 8, equal for every x < 65536.
  (func (export "overlay") (param $dst i32) (param $src i32) (param $alpha i32) (param $n i32)
    (local $i i32) (local $end16 i32) (local $x i32)
    (local $d v128) (local $s v128) (local $a v128) (local $l v128) (local $h v128)
    (local $full v128) (local $round v128)
    (local.set $full (i16x8.splat (i32.const 255)))
    (local.set $round (i16x8.splat (i32.const 128)))
    (local.set $end16 (i32.and (local.get $n) (i32.const -16)))
    (block $simd_done
      (loop $simd
        (br_if $simd_done (i32.ge_u (local.get $i) (local.get $end16)))
        (local.set $d (v128.load (i32.add (local.get $dst) (local.get $i))))
        (local.set $s (v128.load (i32.add (local.get $src) (local.get $i))))
        (local.set $a (v128.load (i32.add (local.get $alpha) (local.get $i))))
        (local.set $l (i16x8.add (i16x8.add
          (i16x8.mul (i16x8.extend_low_i8x16_u (local.get $d)) (i16x8.sub (local.get $full) (i16x8.extend_low_i8x16_u (local.get $a))))
          (i16x8.mul (i16x8.extend_low_i8x16_u (local.get $s)) (i16x8.extend_low_i8x16_u (local.get $a))))
          (local.get $round)))
        (local.set $l (i16x8.shr_u (i16x8.add (local.get $l) (i16x8.shr_u (local.get $l) (i32.const 8))) (i32.const 8)))
        (local.set $h (i16x8.add (i16x8.add
          (i16x8.mul (i16x8.extend_high_i8x16_u (local.get $d)) (i16x8.sub (local.get $full) (i16x8.extend_high_i8x16_u (local.get $a))))
          (i16x8.mul (i16x8.extend_high_i8x16_u (local.get $s)) (i16x8.extend_high_i8x16_u (local.get $a))))
          (local.get $round)))
        (local.set $h (i16x8.shr_u (i16x8.add (local.get $h) (i16x8.shr_u (local.get $h) (i32.const 8))) (i32.const 8)))
        (v128.store (i32.add (local.get $dst) (local.get $i)) (i8x16.narrow_i16x8_u (local.get $l) (local.get $h)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $simd)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i32.add
          (i32.add
            (i32.mul (i32.load8_u (i32.add (local.get $dst) (local.get $i)))
                     (i32.sub (i32.const 255) (i32.load8_u (i32.add (local.get $alpha) (local.get $i)))))
            (i32.mul (i32.load8_u (i32.add (local.get $src) (local.get $i)))
                     (i32.load8_u (i32.add (local.get $alpha) (local.get $i)))))
          (i32.const 128)))
        (i32.store8 (i32.add (local.get $dst) (local.get $i))
          (i32.shr_u (i32.mul (local.get $x) (i32.const 257)) (i32.const 16)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rest))))
)
