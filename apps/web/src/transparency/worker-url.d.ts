/** Vite builds `?worker&url` imports as a separate script and gives its same-origin URL. */
declare module '*?worker&url' {
  const url: string;
  export default url;
}
