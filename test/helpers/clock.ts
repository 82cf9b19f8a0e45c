// The real clock, as the task pane uses it; tests scale Graph-side waits with timeScale instead of faking time.
export { systemClock } from "../../src/app/system-clock";
