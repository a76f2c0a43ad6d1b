/**
 * The native WeChat check-in component's behaviour, run by miniprogram-simulate (WeChat's own
 * component test kit: the component's real JS, WXML and WXSS in a simulated page). Used on the
 * source (tests/native) and on the compiled output in dist/weapp (tests/weapp).
 */
import simulate from 'miniprogram-simulate';

export function checkinCodeSuite(component: string): void {
  let id: string;
  beforeAll(() => {
    id = simulate.load(component);
  });

  function render(props: Record<string, unknown>) {
    const comp = simulate.render(id, props);
    comp.attach(document.createElement('parent-wrapper'));
    return comp;
  }

  /** The component's `expire` events (j-component's root supports addEventListener; its typings omit it). */
  function onExpire(comp: ReturnType<typeof simulate.render>, listener: (e: { detail: unknown }) => void): void {
    (comp as unknown as { addEventListener: (name: string, l: (e: { detail: unknown }) => void) => void }).addEventListener(
      'expire',
      listener,
    );
  }

  const text = (comp: ReturnType<typeof simulate.render>, selector: string) => comp.querySelector(selector)!.dom!.textContent;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-10T06:00:00.000Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows the digits and counts down each second from the code’s expiry', () => {
    const comp = render({ digits: '595315', expiresAt: Date.now() + 15_000, slotSeconds: 15, modules: '1010', size: 2 });
    expect(text(comp, '.code__digits')).toBe('595315');
    expect(text(comp, '.code__left')).toBe('15 秒后更新');
    jest.advanceTimersByTime(4_000);
    expect(text(comp, '.code__left')).toBe('11 秒后更新');
    expect(comp.data.percent).toBe(73);
  });

  it('asks for a new code once when the shown one expires, and again for the next one', () => {
    const comp = render({ digits: '595315', expiresAt: Date.now() + 3_000, slotSeconds: 15 });
    const expired: unknown[] = [];
    onExpire(comp, (e) => expired.push(e.detail));
    jest.advanceTimersByTime(2_000);
    expect(expired).toHaveLength(0);
    jest.advanceTimersByTime(5_000);
    expect(expired).toHaveLength(1);
    expect(text(comp, '.code__left')).toBe('0 秒后更新');

    // The page sets the next code: the countdown starts over, and it expires once more in its turn.
    comp.setData({ digits: '104728', expiresAt: Date.now() + 15_000 });
    expect(text(comp, '.code__digits')).toBe('104728');
    expect(text(comp, '.code__left')).toBe('15 秒后更新');
    jest.advanceTimersByTime(16_000);
    expect(expired).toHaveLength(2);
  });

  it('stops ticking when detached', () => {
    const comp = render({ digits: '595315', expiresAt: Date.now() + 2_000, slotSeconds: 15 });
    const expired: unknown[] = [];
    onExpire(comp, () => expired.push(1));
    comp.detach();
    jest.advanceTimersByTime(10_000);
    expect(expired).toHaveLength(0);
  });
}
