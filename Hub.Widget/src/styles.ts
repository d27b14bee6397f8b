// The widget's CSS (src/widget.css), minified and inlined by build.mjs.
declare const __WIDGET_CSS__: string;

export const css: string = __WIDGET_CSS__;
