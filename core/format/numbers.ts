/** 78075 → "78.075": a Vietnamese report groups thousands with a dot (its decimals take the comma). */
export function countVi(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** 78075 → "78,075" (English). */
export function countEn(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
