/** 78075 → "78.075": a Vietnamese report groups thousands with a dot (its decimals take the comma). */
export function countVi(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** 78075 → "78,075" (English). */
export function countEn(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 2.5 → "2,5": a Vietnamese decimal comma, `digits` decimals. */
export function decimalVi(x: number, digits: number): string {
  return x.toFixed(digits).replace(".", ",");
}

/** A rate as a percentage with one decimal: 0.447 → "44,7%" in Vietnamese, "44.7%" in English; "—" for none. */
export function percentVi(x: number | null): string {
  return x === null ? "—" : `${decimalVi(x * 100, 1)}%`;
}

export function percentEn(x: number | null): string {
  return x === null ? "—" : `${(x * 100).toFixed(1)}%`;
}
