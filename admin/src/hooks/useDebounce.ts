import * as React from 'react';

// Strapi 5.54's admin exports a useDebounce, but 5.13.0 (the plugin's floor) does not: this one serves both.
/** `value`, once it has stopped changing for `delay` ms (search-as-you-type asks once per pause). */
export const useDebounce = <T>(value: T, delay: number): T => {
  const [debounced, setDebounced] = React.useState(value);
  React.useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
};
