/** Vite turns a `?url` import into the URL of the file it emits next to the bundle. */
declare module 'world-atlas/countries-50m.json?url' {
  const url: string;
  export default url;
}
