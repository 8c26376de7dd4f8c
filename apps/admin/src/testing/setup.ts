import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { i18n, loadFeatureStrings } from '../lib/i18n';
import { server } from './server';

// jsdom lacks what antd (responsive grid, Sider breakpoints) and ECharts (resize) need.
/** A media query answered for jsdom's window (1024 px wide unless a test says otherwise): tests see a desk. */
function matchesWidth(query: string): boolean {
  const width = window.innerWidth;
  const min = /min-width:\s*(\d+)px/.exec(query);
  const max = /max-width:\s*(\d+(?:\.\d+)?)px/.exec(query);
  if (!min && !max) return false;
  return (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
}

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    configurable: true,
    value: (query: string): MediaQueryList => ({
      matches: matchesWidth(query),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

if (!('ResizeObserver' in globalThis)) {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.defineProperty(globalThis, 'ResizeObserver', {
    writable: true,
    configurable: true,
    value: ResizeObserverStub,
  });
}

// ECharts measures text with a 2D canvas when there is one; without it, it estimates from the font size.
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];

// jsdom lays nothing out: give elements a size so ECharts has somewhere to draw (antd does not depend on it).
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 300 });

// the router restores scroll positions; jsdom has no scrolling
window.scrollTo = (() => {}) as typeof window.scrollTo;

// jsdom does not implement pseudo-element styles (antd asks when measuring scrollbars; testing-library asks for
// ::before/::after content when naming every element). Computing the element's own style instead is slow with
// antd's CSS-in-JS sheets, so pseudo-elements get an empty style.
const getComputedStyle = window.getComputedStyle.bind(window);
const emptyStyle = document.createElement('div').style;
window.getComputedStyle = (element: Element, pseudo?: string | null) =>
  pseudo ? emptyStyle : getComputedStyle(element);

// Role queries check every element's visibility through getComputedStyle, which is very slow in jsdom with antd's
// CSS-in-JS sheets (20 s for one query). Tests assert what is rendered instead; the first async find may also wait
// for a lazily loaded route chunk.
configure({ defaultHidden: true, asyncUtilTimeout: 10_000 });

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  // English and the features' strings load on first use in the app; tests render features directly and switch
  // languages directly, so every string is there from the start
  await loadFeatureStrings('zh-CN');
  await loadFeatureStrings('en');
});
beforeEach(async () => {
  window.localStorage.clear();
  window.sessionStorage.clear();
  await i18n.changeLanguage('zh-CN');
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
