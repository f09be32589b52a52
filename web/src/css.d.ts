/** Stylesheets imported by a page's module (Leaflet's), bundled by Vite into that page's chunk. */
declare module '*.css';
