export interface StepInfo {
  id: string;
  title: string;
  state: 'done' | 'todo' | 'attention';
}

/** The wizard's steps as links (each step has its own address, so "links back" work). */
export function StepNav({ steps, current }: { steps: StepInfo[]; current: string }) {
  const label = { done: 'done', todo: 'to do', attention: 'needs attention' } as const;
  return (
    <nav aria-label="Set-up steps">
      <ol class="bb-steps">
        {steps.map((step) => (
          <li key={step.id} data-state={step.state}>
            <a href={`#${step.id}`} aria-current={step.id === current ? 'step' : undefined}>
              {step.title}
            </a>{' '}
            <span class="bb-steps__state">({label[step.state]})</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
