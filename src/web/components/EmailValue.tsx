/**
 * An e-mail address that a narrow cell may break only before its "@" (never inside the name or
 * the domain), as a telephone number is kept whole with the value-nowrap class.
 */
export function EmailValue({ value }: { value: string }) {
  const at = value.indexOf('@');
  if (at <= 0) return <span className="value-nowrap">{value}</span>;
  return (
    <span className="value-email">
      <span className="value-nowrap">{value.slice(0, at)}</span>
      <wbr />
      <span className="value-nowrap">{value.slice(at)}</span>
    </span>
  );
}
