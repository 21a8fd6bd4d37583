import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Col, Flex, Form, Grid, Row, Skeleton, Steps } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { BasicInfoDraft, NarrativeDraft, ProvincialFilingDraft } from '../../../domain/application.js';
import type { ErrorDetail } from '../../../domain/errors.js';
import type { ApplicationDetail } from '../../api/applications';
import { toFormValues } from '../../forms/basicInfoValues';
import { fmt, m } from '../../i18n';
import { lazyLoaded, useSecondRender } from '../../loadable';
import { ApplicationHeader } from './ApplicationHeader';
import { Checklist } from './Checklist';
import { ChecklistDrawer } from './ChecklistDrawer';
import { blockedText, checklist, type ChecklistItem, type PledgeValue } from './checklist';
import { DraftAlerts, ReturnedNotice } from './EditorAlerts';
import { loadStep, stepOf } from './editorSteps';
import { TimelineCard } from './TimelineCard';
import type { NarrativeValue } from './steps/NarrativeStep';
import { SaveStatus } from './SaveStatus';
import type { Content, Section } from './draftStore';
import { useDraft } from './useDraft';
import { useLeaveGuard } from './useLeaveGuard';
import { useSubmit } from './useSubmit';

const STEPS = m.applicant.page.steps;
/** Each step is rendered once first shown, then kept (hidden when another is shown); see editorSteps. */
const BasicInfoForm = lazyLoaded(loadStep.basicInfo, (mod) => mod.BasicInfoForm);
const NarrativeStep = lazyLoaded(loadStep.narrative, (mod) => mod.NarrativeStep);
const FilesStep = lazyLoaded(loadStep.files, (mod) => mod.FilesStep);
const ProvincialStep = lazyLoaded(loadStep.provincial, (mod) => mod.ProvincialStep);
const PledgeStep = lazyLoaded(loadStep.pledge, (mod) => mod.PledgeStep);

/** Runs `run` once its siblings in the same Suspense boundary have mounted (a lazy form's fields included). */
function AfterMount({ run }: { run: () => void }) {
  const first = useRef(run);
  useEffect(() => first.current(), []);
  return null;
}

/**
 * Focuses the element a checklist item names (or the first control inside it) and brings it into
 * view, once the step that holds it is shown (the step changes with the URL, a moment later, and a
 * step shown for the first time loads its code first: up to 10 s).
 */
function focusField(id: string, attempts = 200) {
  const el = document.getElementById(id);
  // A step shown for the first time shows a skeleton until its code is loaded: wait for the real content.
  if (!el || el.getClientRects().length === 0 || el.querySelector('.step-loading')) {
    if (attempts > 0) window.setTimeout(() => focusField(id, attempts - 1), 50);
    return;
  }
  const target = el.matches('input,textarea,button,[contenteditable="true"],[tabindex]')
    ? el
    : (el.querySelector<HTMLElement>('input,textarea,button,[contenteditable="true"]') ?? el);
  // A whole step lands at its top; a single field in the middle of the screen.
  target.scrollIntoView({ block: id.startsWith('step-panel-') ? 'start' : 'center' });
  target.focus({ preventScroll: true });
}

/** The shown problems of one section, as showProblems takes them. */
const problemsOf = (shown: Record<string, string>, section: string) =>
  Object.entries(shown)
    .filter(([path]) => path.startsWith(`${section}.`))
    .map(([path, message]) => ({ path, message }));

const pledgeKey = (id: string) => `makerspace:pledge:${id}`;

/** The application while the applicant may edit it: five steps that follow the notice, autosaved. */
export function ApplicationEditor({ detail }: { detail: ApplicationDetail }) {
  const draft = useDraft(detail, true);
  const { view } = draft;
  const [basicForm] = Form.useForm();
  const [provincialForm] = Form.useForm();
  const [params, setParams] = useSearchParams();
  const step = stepOf(params.get('step'));
  const [pledge, setPledge] = useState<PledgeValue>(() => {
    try {
      return JSON.parse(window.sessionStorage.getItem(pledgeKey(detail.id)) ?? '{}') as PledgeValue;
    } catch {
      return {};
    }
  });
  const [serverProblems, setServerProblems] = useState<ErrorDetail[]>([]);
  const [shown, setShown] = useState<Record<string, string>>({});
  const pendingFocus = useRef<string | null>(null);
  const screens = Grid.useBreakpoint();
  useLeaveGuard(draft.unsaved);
  // Each step is rendered once first shown, then kept (see the lazy steps above).
  const [visited, setVisited] = useState<ReadonlySet<number>>(() => new Set([step]));
  if (!visited.has(step)) setVisited(new Set(visited).add(step));

  // Another version loaded (conflict resolved, browser copy restored): the forms take its values.
  const latest = useRef(view.content);
  latest.current = view.content;
  useEffect(() => {
    if (view.loadKey === 0) return;
    basicForm.resetFields();
    basicForm.setFieldsValue(toFormValues(latest.current.basicInfo));
    provincialForm.resetFields();
    provincialForm.setFieldsValue(latest.current.provincialFiling ?? {});
  }, [basicForm, provincialForm, view.loadKey]);

  const items = useMemo(
    () => checklist(view.content, detail, pledge, serverProblems),
    [view.content, detail, pledge, serverProblems],
  );
  const goTo = useCallback(
    (next: number, focusId?: string) => {
      pendingFocus.current = focusId ?? `step-panel-${next}`;
      setParams(
        (p) => {
          const q = new URLSearchParams(p);
          q.set('step', String(next));
          return q;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    pendingFocus.current = null;
    focusField(id);
  }, [step, shown]);

  /** Shows problems beside their fields: in the antd forms, and in the map the other steps read. */
  const showProblems = useCallback(
    (problems: { path: string; message: string }[]) => {
      setShown((prev) => ({ ...prev, ...Object.fromEntries(problems.map((p) => [p.path, p.message])) }));
      const onForm = (section: string) =>
        problems
          .filter((p) => p.path.startsWith(`${section}.`))
          .map((p) => {
            const name = p.path.split('.').slice(1);
            return { name: name[0] === 'mainFields' ? ['mainFields'] : name, errors: [p.message] };
          });
      basicForm.setFields(onForm('basicInfo'));
      provincialForm.setFields(onForm('provincialFiling'));
    },
    [basicForm, provincialForm],
  );

  const jump = (item: ChecklistItem) => {
    showProblems([item]);
    goTo(item.step, item.fieldId);
  };

  const update = <S extends Section>(section: S, value: Content[S]) => {
    draft.update(section, value);
    // What the user changes may fix what was shown; the checklist recomputes it anyway.
    setShown((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith(`${section}.`))));
    setServerProblems((prev) => prev.filter((p) => !p.path.startsWith(`${section}.`)));
  };
  const changePledge = (v: PledgeValue) => {
    setPledge(v);
    window.sessionStorage.setItem(pledgeKey(detail.id), JSON.stringify(v));
    setShown((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith('pledge.'))));
  };

  const submit = useSubmit({
    detail,
    draft,
    pledge,
    onProblems: (d) => {
      setServerProblems(d);
      showProblems(d);
      const first = d[0];
      if (first) goTo(checklist(view.content, detail, pledge, d).find((i) => i.path === first.path)?.step ?? 4);
    },
    onDone: () => window.sessionStorage.removeItem(pledgeKey(detail.id)),
  });

  const deadlinePassed = detail.deadline !== null && Date.now() > new Date(detail.deadline).getTime();
  const blocked = blockedText({
    allowed: detail.allowedActions.includes('submit'),
    deadlinePassed,
    incomplete: items.length,
    saveState: view.state,
  });
  const imageSources = detail.files
    .filter((f) => f.mime === 'image/png' || f.mime === 'image/jpeg')
    .map((f) => ({ label: f.fileName, fileId: f.id }));
  const counts = STEPS.map((_, i) => items.filter((it) => it.step === i).length);
  const narrow = !screens.md;
  const wide = !!screens.xl;
  // The checklist and the timeline beside the step render after the step has painted (loadable.ts).
  const sideShown = useSecondRender();

  return (
    <Flex vertical gap={16}>
      <ApplicationHeader detail={detail} />
      <ReturnedNotice detail={detail} />
      <DraftAlerts draft={draft} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <nav aria-label={m.applicant.page.stepNav} className="step-nav">
            <Steps
              current={step}
              onChange={(i) => goTo(i)}
              size="small"
              responsive={false}
              titlePlacement={narrow ? 'vertical' : 'horizontal'}
              items={STEPS.map((title, i) => ({
                title,
                status: i === step ? 'process' : counts[i] === 0 ? 'finish' : 'wait',
                description: narrow || counts[i] === 0 ? undefined : `${counts[i]} 项待完善`,
              }))}
            />
          </nav>
          {/* On narrow screens the checklist is a button away from every step but the last, which shows it. */}
          {!wide && step !== STEPS.length - 1 ? (
            <div className="checklist-open">
              <ChecklistDrawer items={items} onJump={jump} />
            </div>
          ) : null}
          <div key={view.loadKey}>
            {STEPS.map((title, i) => (
              <section
                key={title}
                id={`step-panel-${i}`}
                tabIndex={-1}
                hidden={i !== step}
                aria-label={title}
                className="step-panel"
              >
                {visited.has(i) ? (
                  <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} className="step-loading" />}>
                    {i === 0 ? (
                      <BasicInfoForm
                        form={basicForm}
                        initial={view.content.basicInfo}
                        onChange={(v) => update('basicInfo', v as BasicInfoDraft)}
                        // Problems shown before the form existed (a jump from another step) reach its fields.
                        onAllMounted={() => showProblems(problemsOf(shown, 'basicInfo'))}
                      />
                    ) : i === 1 ? (
                      <NarrativeStep
                        value={(view.content.narrative ?? {}) as NarrativeValue}
                        onChange={(v) => update('narrative', v as NarrativeDraft)}
                        errors={shown}
                        imageSources={imageSources}
                        applicationId={detail.id}
                      />
                    ) : i === 2 ? (
                      <FilesStep detail={detail} editable errors={shown} />
                    ) : i === 3 ? (
                      <ProvincialStep
                        form={provincialForm}
                        initial={view.content.provincialFiling}
                        onChange={(v) => update('provincialFiling', v as ProvincialFilingDraft)}
                      />
                    ) : (
                      <Flex vertical gap={16}>
                        {/* On narrow screens the checklist sits where the user submits. */}
                        {wide ? null : <Checklist items={items} onJump={jump} />}
                        <PledgeStep
                          legalRepresentative={view.content.basicInfo?.legalRepresentative?.name ?? undefined}
                          registeredLegalRepresentative={detail.unitLegalRepresentative}
                          value={pledge}
                          onChange={changePledge}
                          errors={shown}
                          blockedBy={blocked}
                          submitting={submit.pending}
                          onSubmit={submit.start}
                          failure={submit.failure}
                        />
                      </Flex>
                    )}
                    {/* Problems shown before a form existed (a jump from another step) reach its fields. */}
                    {i === 3 ? <AfterMount run={() => showProblems(problemsOf(shown, 'provincialFiling'))} /> : null}
                  </Suspense>
                ) : null}
              </section>
            ))}
          </div>
          <div className="editor-bar">
            <Button disabled={step === 0} onClick={() => goTo(step - 1)}>
              {m.applicant.page.prev}
            </Button>
            <Flex vertical align="center" gap={2} style={{ minWidth: 0 }}>
              <SaveStatus view={view} onSaveNow={() => void draft.flush()} />
              <span className="step-of">
                {fmt(m.applicant.page.stepOf, { current: step + 1, total: STEPS.length })}
              </span>
            </Flex>
            <Button type="primary" disabled={step === STEPS.length - 1} onClick={() => goTo(step + 1)}>
              {m.applicant.page.next}
            </Button>
          </div>
        </Col>
        <Col xs={24} xl={7}>
          <Flex vertical gap={16} className="editor-side">
            {wide && sideShown ? <Checklist items={items} onJump={jump} /> : null}
            {sideShown ? <TimelineCard detail={detail} compact /> : null}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
