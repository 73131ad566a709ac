import * as React from 'react';

/** Runs `effect` each time `value` changes after the first render (not on mount): e.g. refetch when the Content Manager saves. */
export const useOnChange = <TValue>(value: TValue, effect: () => void) => {
  const seen = React.useRef(value);
  const latest = React.useRef(effect);
  React.useLayoutEffect(() => {
    latest.current = effect;
  });
  React.useEffect(() => {
    if (Object.is(seen.current, value)) return;
    seen.current = value;
    latest.current();
  }, [value]);
};
