// One Graph emulator per test file, fresh state and no faults before every test.
import { startEmulator, type Emulator, type EmulatorOptions } from "../../workbench/graph-emulator";

/** Returns a getter: the emulator exists only once beforeAll has run. */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
  let emu: Emulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator(options);
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
