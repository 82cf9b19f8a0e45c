// One Graph emulator per test file, fresh state and no faults before every test.
import { startEmulator, type Emulator } from "../emulator";

/** Returns a getter: the emulator exists only once beforeAll has run. */
export function useEmulator(): () => Emulator {
  let emu: Emulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu?.close());
  beforeEach(() => {
    emu?.reset();
    emu?.setFaults({});
  });
  return () => {
    if (!emu) throw new Error("the emulator is not started yet");
    return emu;
  };
}
