import { dueDate, nextStage, refuseStep } from '../../cloudfunctions/lifecycle/rules';

it('stages advance one at a time, ending at 正式党员', () => {
  expect(nextStage('applicant')).toBe('activist');
  expect(nextStage('probationary')).toBe('full');
  expect(nextStage('full')).toBeNull();
});

it('refuses skipped, backward, early and future steps', () => {
  const today = '2026-11-28';
  expect(refuseStep({ stage: 'applicant', since: '2025-01-01' }, 'activist', '2025-03-01', today)).toBeNull();
  expect(refuseStep({ stage: 'applicant', since: '2025-01-01' }, 'candidate', '2025-03-01', today)).toBe(
    '当前为入党申请人，下一步只能是入党积极分子',
  );
  expect(refuseStep({ stage: 'candidate', since: '2025-01-01' }, 'activist', '2025-03-01', today)).toMatch(/下一步只能是预备党员/);
  expect(refuseStep({ stage: 'full', since: '2020-01-01' }, 'full', '2025-03-01', today)).toBe('已是正式党员，没有下一步');
  expect(refuseStep({ stage: 'applicant', since: '2025-01-01' }, 'activist', '2024-12-31', today)).toMatch(/不能早于/);
  expect(refuseStep(null, 'probationary', '2026-11-29', today)).toBe('日期不能晚于今天');
  // A year as 积极分子 and a year as 预备党员.
  expect(refuseStep({ stage: 'activist', since: '2025-12-01' }, 'candidate', '2026-11-28', today)).toMatch(/最早 2026-12-01/);
  expect(refuseStep({ stage: 'probationary', since: '2025-11-28' }, 'full', '2026-11-28', today)).toBeNull();
  expect(refuseStep({ stage: 'probationary', since: '2025-11-29' }, 'full', '2026-11-28', today)).toMatch(/预备党员需满 1 年/);
});

it('the first record may be any stage, as where the member stands', () => {
  expect(refuseStep(null, 'probationary', '2026-01-01', '2026-11-28')).toBeNull();
  expect(dueDate('probationary', '2024-02-29')).toBe('2025-02-28');
  expect(dueDate('candidate', '2026-01-01')).toBe('2026-01-01');
});
