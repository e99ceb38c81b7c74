// payoutkit's wire encoder (core/src/wire.rs has the format and the decoder). The builtins are
// taken once, when the module loads, so a later monkeypatch cannot change what gets signed.
const { keys } = Object;
const { isArray } = Array;
const { isView } = ArrayBuffer;
const { isSafeInteger } = Number;

export function payoutkitWire(o) {
  if (typeof o !== "object" || o === null || isArray(o) || isView(o)) return undefined;
  let s = "";
  let n = 0;
  for (const k of keys(o)) {
    const v = o[k];
    if (typeof v === "string") s += k + "\0s" + v + "\0";
    else if (isSafeInteger(v)) s += k + "\0i" + v + "\0";
    else return undefined;
    n++;
  }
  return n + "\0" + s;
}
