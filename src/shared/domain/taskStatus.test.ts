import { describe, expect, it } from 'vitest';
import { sectionStage, taskStatusChange, waitingForDepartments, type SectionProgress } from '@shared/domain/taskStatus';

const draft = (hasResults = false): SectionProgress => ({ status: 'draft', hasResults, completedAt: null });
const completed = (at: string): SectionProgress => ({ status: 'completed', hasResults: true, completedAt: new Date(at) });

describe('taskStatusChange', () => {
  it('leaves a task untouched until a section has results or is completed', () => {
    expect(taskStatusChange('assigned', [draft(), draft()])).toBeNull();
    expect(taskStatusChange('assigned', [draft(true), draft()])).toEqual({ status: 'in_progress' });
    expect(taskStatusChange('assigned', [completed('2025-07-01T02:00:00Z'), draft()])).toEqual({ status: 'in_progress' });
    expect(taskStatusChange('in_progress', [draft(true), draft()])).toBeNull();
  });

  it('never sends a started task back to assigned', () => {
    expect(taskStatusChange('in_progress', [draft(), draft()])).toBeNull();
  });

  it('completes a task with its last section, awaiting review, checked on the Shanghai day of the last completion', () => {
    // 16:30 UTC is already the next day in Shanghai.
    expect(taskStatusChange('in_progress', [completed('2025-07-01T02:00:00Z'), completed('2025-07-02T16:30:00Z')])).toEqual({
      status: 'completed',
      review: { reviewStatus: 'awaiting_review', checkedOn: '2025-07-03' },
    });
    expect(taskStatusChange('completed', [completed('2025-07-01T02:00:00Z')])).toBeNull();
  });

  it('reopens a completed task when one of its sections goes back to draft', () => {
    expect(taskStatusChange('completed', [completed('2025-07-01T02:00:00Z'), draft(true)])).toEqual({ status: 'in_progress' });
  });
});

describe('a section’s stage', () => {
  const draft = { status: 'draft' as const, itemResults: [] };
  const started = { status: 'draft' as const, itemResults: [{}] };
  const done = { status: 'completed' as const, itemResults: [{}] };

  it('names a section’s stage in the task statuses’ words, by the same rule', () => {
    expect(sectionStage(draft)).toBe('assigned');
    expect(sectionStage(started)).toBe('in_progress');
    expect(sectionStage(done)).toBe('completed');
  });
});

describe('waitingForDepartments', () => {
  const section = (departmentId: string, status: 'draft' | 'completed') => ({ departmentId, status });

  it('names the departments still to complete once another one has completed', () => {
    expect(waitingForDepartments([section('amr', 'completed'), section('eco', 'draft'), section('tax', 'draft')])).toEqual(['eco', 'tax']);
  });

  it('is empty before any section is completed and after all are', () => {
    expect(waitingForDepartments([section('amr', 'draft'), section('eco', 'draft')])).toEqual([]);
    expect(waitingForDepartments([section('amr', 'completed'), section('eco', 'completed')])).toEqual([]);
  });
});
