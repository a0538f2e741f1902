// The module vite.config.ts builds from the README (gateway/readme-examples.ts explorerTabs).
declare module 'virtual:explorer-tabs' {
  const tabs: { query: string; variables?: string }[];
  export default tabs;
}
