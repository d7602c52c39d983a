/*
 * The Manage web-client imitation's single-page shell, served as ConnectWise/ConnectWise.nocache.js.
 * Plain browser JS on purpose: no build step, no framework, like the GWT output it stands in for.
 * What is faithful and what is guessed: ../README.md. URL knowledge lives on the server
 * (routes.ts, asked through `sim-route`); record data comes from the Rails-style action endpoints.
 */
(() => {
  'use strict';

  const script = /** @type {HTMLScriptElement} */ (document.currentScript);
  const config = {
    variant: script.dataset.variant === 'v2021' ? 'v2021' : 'v2025',
    renderDelayMs: Number(script.dataset.renderDelayMs) || 0,
    /** null: no GWT-style header re-render */
    rerenderMs: script.dataset.rerenderMs ? Number(script.dataset.rerenderMs) : null,
    base: `/${script.dataset.codebase}`,
  };
  const inFrame = window !== window.top;

  // Obfuscated GWT classes per release. Real ones (from ATT, TPI and a 2021 Selenium script) are
  // mixed with invented ones of the same shape; nothing outside this table may depend on them.
  const OBFUSCATED = {
    v2025: {
      label: 'GMDB3DUBNLI GMDB3DUBLLI', header: 'GMDB3DUBDDL', action: 'GMDB3DUBHFJ GMDB3DUBAQG GMDB3DUBOFJ',
      button: 'GMDB3DUBIOG', buttonInner: 'GMDB3DUBJOG GMDB3DUBNQG', buttonText: 'GMDB3DUBBPG', panel: 'GMDB3DUBFRG',
      field: 'GMDB3DUBORG', input: 'GMDB3DUBKTH GMDB3DUBJUH', email: 'GMDB3DUBF2C', scroller: 'GMDB3DUBAVF',
      row: 'GMDB3DUBGWF', rowAlt: 'GMDB3DUBEWF', pager: 'GMDB3DUBERG', toolbar: 'GMDB3DUBCEJ', pod: 'GMDB3DUBMQH',
      window: 'GMDB3DUBJ1C',
    },
    v2021: {
      label: 'GE0S-T1CNLI GE0S-T1CLLI', header: 'GE0S-T1CDDL', action: 'GE0S-T1CHFJ GE0S-T1CAQG',
      button: 'GE0S-T1CNOI', buttonInner: 'GE0S-T1CJOG', buttonText: 'GE0S-T1CBPG', panel: 'GE0S-T1CFRG',
      field: 'GE0S-T1CORG', input: 'GE0S-T1COTH GE0S-T1CJUH', email: 'GE0S-T1CF2C', scroller: 'GE0S-T1CAVF',
      row: 'GE0S-T1CGWF', rowAlt: 'GE0S-T1CEWF', pager: 'GE0S-T1CERG', toolbar: 'GE0S-T1CLDJ GE0S-T1CCEJ',
      pod: 'GE0S-T1CMQH', window: 'GE0S-T1CJ1C',
    },
  }[config.variant];
  /** @param {keyof typeof OBFUSCATED} role */
  const gwt = (role) => OBFUSCATED[role];

  // ---------------------------------------------------------------------------------------------
  // DOM helpers

  /** Build an element. `value` is set as a property, as GWT does: the attribute stays absent. */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'value') el.value = value;
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) el.append(child);
    return el;
  }
  const spinner = (extra = '') =>
    h('div', { class: `cw-loading-image cw-loading-spinner ${extra}` }, h('div', { class: 'cw-loading-spinner-child cw-loading-spinner1' }));
  const banner = (text) => h('div', { class: 'cw-main-banner' }, h('div', { class: 'navigationEntry cw_CwLabel gwt-Label' }, text));
  const button = (text, cls, onclick) =>
    h('div', { class: `${cls} ${gwt('button')} mm_button`, title: text, tabindex: 0, onclick },
      h('div', { class: gwt('buttonInner') }, h('div', { class: gwt('buttonText') }, text)));
  const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // ---------------------------------------------------------------------------------------------
  // Server calls: XMLHttpRequest like GWT, so scripts that wrap XHR (TPI) see them.

  function request(method, url, body) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      if (body) xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
      xhr.onload = () => {
        let json = null;
        try {
          json = JSON.parse(xhr.responseText);
        } catch {
          // reported below
        }
        if (xhr.status < 400 && json) resolve(json);
        else reject(new Error((json && json.error && json.error.message) || `HTTP ${xhr.status}`));
      };
      xhr.onerror = () => reject(new Error('The server could not be reached.'));
      xhr.send(body || null);
    });
  }

  /** POST an action the way the app (and ATT's scripts) do; answers are `{data:{action:{…}}}`. */
  function action(path, payload) {
    const [module, name] = path.split('/');
    const actionMessage = JSON.stringify({ payload: JSON.stringify(payload), payloadClassName: name, project: `${module}Common` });
    const body = new URLSearchParams({
      actionMessage,
      clientTimezoneOffset: String(-new Date().getTimezoneOffset()),
      clientTimezoneName: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    });
    return request('POST', `${config.base}/services/system_io/actionprocessor/${path}.rails`, body.toString()).then(
      (json) => json.data.action,
    );
  }

  /** The imitation's own routing endpoint: `{href}` → `{screen, id}`; `{screen, id, href}` → `{url}`. */
  const route = (params) => request('GET', `${config.base}/ConnectWise/sim-route?${new URLSearchParams(params)}`);

  // ---------------------------------------------------------------------------------------------
  // Screens: each loads its view model and turns it into a spec for the shared record renderer.

  const content = h('div', { id: 'cwContent', class: 'cw-WorkspaceView' });
  /** @type {{ screen: string, id: number | null, model: any, view: any } | null} */
  let current = null;
  let generation = 0; // bumped on every screen change, so answers for an older screen are dropped

  const SCREENS = {
    ticket: {
      title: 'Service Ticket',
      load: loadTicket,
      render: (model) => renderRecord(ticketSpec(model)),
    },
    company: {
      title: 'Company',
      load: (id) => action('Company/GetCompanyDetailViewAction', { companyRecId: id }).then((a) => a.companyViewModel),
      render: (model) => renderRecord(companySpec(model)),
    },
    agreement: {
      title: 'Agreement',
      load: (id) => action('Finance/GetAgreementDetailViewAction', { agreementRecId: id }).then((a) => a.agreementViewModel),
      render: (model) => renderRecord(agreementSpec(model)),
    },
    'time-entry': {
      title: 'Time Entry',
      load: (id) => action('Time/GetTimeEntryDetailViewAction', { timeRecId: id || 987 }).then((a) => a.timeEntryViewModel),
      render: (model) => renderRecord(timeEntrySpec(model)),
    },
    board: {
      title: 'Service Board',
      load: () => action('Service/GetServiceBoardViewAction', {}).then((a) => a.serviceBoardViewModel),
      render: renderBoard,
    },
    home: {
      title: 'My Calendar',
      load: async () => null,
      render: () => ({ nodes: [banner('My Calendar'), h('div', { class: `cw-calendar ${gwt('panel')}` })] }),
    },
  };

  async function loadTicket(id) {
    // The app asks for the company id separately (TPI reads it from this answer).
    const [detail, company] = await Promise.all([
      action('Service/GetServiceTicketDetailViewAction', { serviceRecId: id }),
      action('Company/GetCompanyNameAction', { serviceRecId: id }),
    ]);
    return { ...detail.serviceTicketViewModel, companyRecID: company.companyRecID };
  }

  const open = (screen, id) => () => navigate({ screen, id });

  function ticketSpec(m) {
    const pod = m.companyPodViewModel;
    return {
      rootClass: 'ServiceTicket',
      crumb: 'Service Ticket',
      header: `Service Ticket #${m.serviceRecId} - ${m.summary}`,
      age: `Age: ${m.age}`,
      actions: ['Follow', 'Schedule', 'Merge'],
      toolbar: [
        ['Save', 'cw_ToolbarButton_Save'],
        ['Contact', 'cw_ToolbarButton_User', () => openContactFlyout(contactCard(current.model))],
        ['History', 'cw_PsaHistoryButton'],
        ['More', 'cw_PsaMoreMenuButton'],
        // UNVERIFIED imitation device: changes the record in place, leaving the URL alone.
        ['Next ▸', 'cw_PsaNextRecordButton', nextTicket],
      ],
      pods: [
        { id: 'service_ticket_ticket', title: 'Ticket', column: 1, fields: [
          { key: 'Summary', label: 'Summary', cls: 'cw_PsaSummaryHeader', value: m.summary },
          { key: 'Board', label: 'Board', cls: 'cw_serviceBoard', value: m.boardName },
          { key: 'Status', label: 'Status', cls: 'cw_status', value: m.statusName },
          { key: 'Priority', label: 'Priority', cls: 'cw_priority', value: m.priorityName },
        ] },
        { id: 'service_ticket_company', title: 'Company', column: 1, fields: [
          { key: 'Company', label: 'Company', cls: 'cw_company', cwid: 'company', readonly: true, value: pod.company.name,
            onLabel: open('company', m.companyRecID) },
          { key: 'Contact', label: 'Contact', cls: 'cw_contact', cwid: 'contact', value: pod.contact.name,
            onLabel: () => openContactFlyout(contactCard(m)) },
          { key: 'Email', label: 'Email', email: pod.emailAddress },
        ] },
        // UNVERIFIED pod name; the agreement link stands in for Manage's agreement field.
        { id: 'service_ticket_finance', title: 'Finance', column: 1, fields: [
          { key: 'Agreement', label: 'Agreement', cls: 'cw_agreement', readonly: true, value: m.agreement ? m.agreement.name : '',
            onLabel: m.agreement ? open('agreement', m.agreement.id) : null },
        ] },
        { id: 'service_ticket_notes', title: 'Discussion', column: 2, notes: m.notes,
          attrs: { id: 'cw-manage-service_service_ticket_discussion', 'data-cwid': 'pod_service_ticket_notes' } },
        { id: 'hosted_16', title: 'Thread: Auto Time Entries', column: 2, frame: `${config.base}/ConnectWise/hosted-pod.html` },
        // A same-origin frame showing a whole ticket screen: a script running in all frames would
        // find a second ticket here (TPI: "CW's iframes" load scripts twice). Not nested further.
        !inFrame && { id: 'service_ticket_classic', title: 'Classic View', column: 2, frame:
          `${config.base}/services/system_io/Service/fv_sr100_request.rails?${new URLSearchParams({
            service_recid: String(m.serviceRecId), simDelay: '0', simRerender: 'off', simVariant: config.variant,
          })}` },
      ].filter(Boolean),
    };
  }

  /** UNVERIFIED (by analogy with the ticket): the Company screen. */
  function companySpec(m) {
    return {
      rootClass: 'Company',
      crumb: 'Company',
      header: m.name,
      toolbar: [['Save', 'cw_ToolbarButton_Save'], ['History', 'cw_PsaHistoryButton']],
      pods: [
        { id: 'company_company', title: 'Company', column: 1, fields: [
          { key: 'CompanyID', label: 'Company ID', cls: 'cw_identifier', value: m.identifier },
          { key: 'Company', label: 'Company', cls: 'cw_company', value: m.name },
          { key: 'Status', label: 'Status', cls: 'cw_status', value: m.statusName },
          { key: 'Type', label: 'Type', cls: 'cw_type', value: m.typeName },
          { key: 'Phone', label: 'Phone', cls: 'cw_phoneNumber', value: m.phoneNumber },
          { key: 'Website', label: 'Website', cls: 'cw_website', value: m.website },
          { key: 'Address', label: 'Address', cls: 'cw_addressLine1', value: m.address },
        ] },
        { id: 'company_contacts', title: 'Contacts', column: 2, links: m.contacts.map((c) => ({
          text: c.name, detail: c.email,
          onclick: () => openContactFlyout({ name: c.name, companyName: m.name, title: '', type: '', email: c.email, tickets: m.openTickets }),
        })) },
        { id: 'company_agreements', title: 'Agreements', column: 2, links: m.agreements.map((a) => ({
          text: a.name, detail: a.typeName, onclick: open('agreement', a.id),
        })) },
        { id: 'company_tickets', title: 'Open Service Tickets', column: 2, links: m.openTickets.map((t) => ({
          text: `#${t.id} - ${t.summary}`, onclick: open('ticket', t.id),
        })) },
      ],
    };
  }

  /** UNVERIFIED (no public DOM evidence at all): the Agreement screen. */
  function agreementSpec(m) {
    return {
      rootClass: 'Agreement',
      crumb: 'Agreement',
      header: m.name,
      toolbar: [['Save', 'cw_ToolbarButton_Save'], ['History', 'cw_PsaHistoryButton']],
      pods: [
        { id: 'agreement_agreement', title: 'Agreement', column: 1, fields: [
          { key: 'Name', label: 'Name', cls: 'cw_agreementName', value: m.name },
          { key: 'Company', label: 'Company', cls: 'cw_company', readonly: true, value: m.company.name, onLabel: open('company', m.company.id) },
          { key: 'Contact', label: 'Contact', cls: 'cw_contact', value: m.contactName },
          { key: 'Type', label: 'Type', cls: 'cw_agreementType', value: m.typeName },
          { key: 'Status', label: 'Status', cls: 'cw_agreementStatus', value: m.statusName },
          { key: 'StartDate', label: 'Start Date', cls: 'cw_startDate', value: m.startDate },
          { key: 'BillingCycle', label: 'Billing Cycle', cls: 'cw_billingCycle', value: m.billingCycle },
        ] },
        { id: 'agreement_additions', title: 'Additions', column: 2, rows: m.additions.map((a) =>
          `${a.productIdentifier} — ${a.description} × ${a.quantity}${a.cancelled ? ' (cancelled)' : ''}`) },
      ],
    };
  }

  /** A Time Entry mentions its ticket everywhere; no panel belongs here. */
  function timeEntrySpec(m) {
    return {
      rootClass: 'TimeEntry',
      crumb: 'Time Entry',
      header: `Service Ticket #${m.chargeToId} - ${m.chargeToSummary}`,
      toolbar: [['Save', 'cw_ToolbarButton_Save'], ['Time Stamp', 'cw_ToolbarButton_TimeStamp']],
      pods: [
        { id: 'timeEntryDetails', title: 'Time Entry', column: 1, fields: [
          { key: 'ChargeTo', label: 'Charge To', cls: 'cw_ChargeToTextBox', value: `${m.chargeToId} - ${m.chargeToSummary}` },
          { key: 'Company', label: 'Company', cls: 'cw_company', readonly: true, value: m.companyName },
          { key: 'Member', label: 'Member', cls: 'cw_member', value: m.member },
          { key: 'TimeStart', label: 'Start', cls: 'cw_timeStart', value: m.timeStart },
          { key: 'TimeEnd', label: 'End', cls: 'cw_timeEnd', value: m.timeEnd },
          { key: 'Notes', label: 'Notes', cls: 'cw_notes', value: m.notes },
        ] },
        { id: 'timeEntryDay', title: 'Daily Time Entries', column: 2, rows: m.dayEntries.map((e) => `${e.text} (${e.hours} h)`),
          attrs: { id: 'mytimesheetdaygrid-listview-scroller' } },
      ],
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The shared record renderer (ticket, company, agreement, time entry)

  function renderRecord(spec) {
    const controls = new Map(); // field key → input / mailto anchor, reused across records
    const labelActions = new Map(); // field key → what clicking its label does for the current record
    const podBodies = new Map(); // pod id → body element
    let header = buildHeader(spec);
    let shown = spec;

    const fieldRow = (field) => {
      labelActions.set(field.key, field.onLabel);
      const label = h('div', {
        class: `gwt-Label mm_label ${gwt('label')}${field.onLabel ? ' mm_hyperlink' : ''}`,
        title: field.label, id: `${field.key}-label`, onclick: () => labelActions.get(field.key)?.(),
      }, field.label);
      const control = field.email !== undefined
        ? h('a', { class: `gwt-Anchor ${gwt('email')}`, href: `mailto:${field.email}` }, field.email)
        : h('input', { type: 'text', class: `${gwt('input')} cw_CwTextField ${field.cls}`, id: `${field.key}-input`,
          readonly: field.readonly, value: field.value });
      controls.set(field.key, control);
      return h('tr', { class: 'pod-element-row' }, h('td', null, label), h('td', null, h('div', { class: gwt('field'), 'data-cwid': field.cwid }, control)));
    };

    const podContent = (pod) => {
      if (pod.fields) return h('table', { class: 'mm_podTable' }, h('tbody', null, pod.fields.map(fieldRow)));
      if (pod.notes) {
        return [
          h('div', { class: 'TicketNote-newNoteButton', 'data-cwid': 'btn_addnew' }, '+ New Note'),
          pod.notes.map((note) => h('div', { class: 'TicketNote-rowWrap' },
            h('div', { class: 'CwPodRow-podRow TicketNote-rowNote TicketNote-row' },
              h('div', { class: 'TicketNote-author' }, note.author),
              h('div', { class: 'TicketNote-date' }, note.dateCreated.slice(0, 10)),
              h('div', { class: 'TicketNote-text' }, note.text)))),
        ];
      }
      if (pod.links) {
        return pod.links.map((link) => h('div', { class: 'pod-element-row' },
          h('a', { class: 'gwt-Anchor mm_hyperlink', href: 'javascript:;', onclick: (event) => { event.preventDefault(); link.onclick(); } }, link.text),
          link.detail ? h('span', { class: 'gwt-InlineLabel mm_label' }, ` ${link.detail}`) : null));
      }
      if (pod.rows) return pod.rows.map((text) => h('div', { class: 'pod-element-row gwt-Label' }, text));
      return h('iframe', { src: pod.frame, title: pod.title, class: 'cw-hosted-frame' });
    };

    const podElement = (pod) => {
      const headerId = `pod-${pod.id}`;
      const body = h('div', { class: `pod_${pod.id} ${gwt('panel')}`, ...pod.attrs }, podContent(pod));
      podBodies.set(pod.id, body);
      return h('div', { class: 'mm_pod' },
        h('div', { class: `mm_podHeader pod_${pod.id}_header ${gwt('pod')}`, id: headerId },
          h('div', { class: 'CwPod-headerText', id: `${headerId}-label` }, pod.title)),
        body);
    };

    const column = (n) => h('td', { class: 'mm_portletColumn' }, spec.pods.filter((pod) => pod.column === n).map(podElement));
    const root = h('div', { class: `${spec.rootClass} cw_PsaRootContainer ${gwt('panel')}` },
      h('div', { class: `x-panel-toolbar mm_toolbar ${gwt('toolbar')}` }, spec.toolbar.map(([text, cls, onclick]) => button(text, cls, onclick))),
      header.detail, header.bar,
      h('table', { class: 'mm_portletSpacing' }, h('tbody', null, h('tr', null, column(1), column(2)))));

    return {
      nodes: [banner(spec.crumb), root],
      /** Show another record of the same screen in the same nodes, as the SPA does. */
      update(next) {
        header.text.data = next.header;
        if (header.age) header.age.textContent = next.age;
        for (const pod of next.pods) {
          if (!pod.fields) {
            podBodies.get(pod.id)?.replaceChildren(...[podContent(pod)].flat(Infinity));
            continue;
          }
          for (const field of pod.fields) {
            labelActions.set(field.key, field.onLabel);
            const control = controls.get(field.key);
            if (field.email !== undefined) {
              control.textContent = field.email;
              control.href = `mailto:${field.email}`;
            } else {
              control.value = field.value;
            }
          }
        }
        shown = next;
      },
      /** GWT-style churn: throw the header nodes away and build new ones (injected nodes die). */
      rebuildHeader() {
        const fresh = buildHeader(shown);
        header.detail.replaceWith(fresh.detail);
        header.bar.replaceWith(fresh.bar);
        header = fresh;
      },
    };
  }

  function buildHeader(spec) {
    const text = document.createTextNode(spec.header);
    const detail = h('div', { class: `gwt-Label mm_label ${gwt('header')} detailLabel cw_CwLabel` }, text);
    const age = spec.age ? h('div', { class: 'gwt-HTML mm_label cw_CwHTML' }, spec.age) : null;
    const actionButtons = (spec.actions || []).map((label) =>
      h('div', { class: `${gwt('action')} cw_CwActionButton`, tabindex: 0 },
        h('div', { class: `${gwt('button')} mm_button` }, h('div', { class: gwt('buttonInner') }, h('div', { class: gwt('buttonText') }, label)))));
    const bar = h('div', { class: `cw_CwHorizontalPanel ${gwt('panel')}` },
      actionButtons, age && h('table', null, h('tbody', null, h('tr', null, h('td', null, age)))));
    return { detail, text, bar, age };
  }

  function renderBoard(model) {
    const link = (row) => h('a', { class: 'multilineClickable', href: 'javascript:;',
      onclick: (event) => { event.preventDefault(); navigate({ screen: 'ticket', id: row.id }); } }, String(row.id));
    const rows = model.rows.map((row, i) =>
      h('tr', { class: `${gwt('row')} cw-ml-row${i % 2 ? ` ${gwt('rowAlt')}` : ''}` },
        h('td', null, h('input', { type: 'checkbox' })),
        h('td', null, row.priorityName), h('td', null, row.companyName), h('td', null, row.contactName),
        h('td', null, row.age), h('td', null, h('div', null, link(row))), h('td', null, row.summary),
        h('td', null, row.boardName), h('td', null, row.statusName)));
    const filter = (id) => h('input', { type: 'text', id, class: `${gwt('input')} cw_CwTextField` });
    const grid = h('table', { class: 'srboard-grid' },
      h('tbody', null,
        h('tr', { class: 'cw-ml-header' }, ['', 'Priority', 'Company', 'Contact', 'Age', 'Ticket #', 'Summary', 'Board', 'Status'].map((t) => h('th', null, t))),
        h('tr', { class: 'cw-ml-filter' }, h('td', { colspan: 6 }), h('td', null, filter('Summary-input')), h('td'), h('td', null, filter('Description-input')))),
      h('tbody', null, rows));
    return {
      nodes: [
        banner('Service Board'),
        h('div', { id: 'srboard-listview', class: gwt('panel') },
          h('div', { class: gwt('pager') }, h('div', null, h('div', null, h('div', null, `1 - ${rows.length} of ${rows.length}`)))),
          h('div', { id: 'srboard-listview-scroller' }, h('div', { class: gwt('scroller') }, grid))),
      ],
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The contact flyout: a GXT window whose content looks like tickets (ATT's selectors).

  const contactCard = (m) => ({
    name: m.companyPodViewModel.contact.name,
    companyName: m.companyPodViewModel.company.name,
    title: m.companyPodViewModel.contact.title,
    type: m.companyPodViewModel.contact.type,
    email: m.companyPodViewModel.emailAddress,
    tickets: m.otherTickets,
  });

  function openContactFlyout(card) {
    closeModals();
    const line = (cls, text) => h('div', { class: cls }, h('div', { class: 'gwt-Label' }, text));
    document.body.append(
      h('div', { class: `cw-gxt-wnd x-window ${gwt('window')}`, role: 'dialog' },
        h('div', { class: 'x-window-header x-panel-toolbar' },
          h('span', { class: 'x-window-header-text' }, 'Contact'),
          h('img', { class: 'gwt-Image cw-gxt-wnd-cls mm_icon', alt: 'Close', onclick: closeModals })),
        h('div', { class: 'pnlContactDialog' },
          line('contactName', card.name), line('companyName', card.companyName), line('title', card.title),
          line('contactType', card.type),
          h('div', { class: 'emailContacts' }, h('div', { class: `gwt-Label ${gwt('email')}` }, card.email)),
          h('div', { class: 'recentTickets' }, card.tickets.map((t) =>
            h('div', { class: `gwt-Label mm_label ${gwt('header')} detailLabel cw_CwLabel` }, `Service Ticket #${t.id} - ${t.summary}`))))));
  }
  const closeModals = () => document.querySelectorAll('.cw-gxt-wnd').forEach((wnd) => wnd.remove());
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeModals();
  });

  // ---------------------------------------------------------------------------------------------
  // Navigation

  async function show(target) {
    const mine = ++generation;
    current = null;
    closeModals();
    content.replaceChildren(spinner());
    const screen = SCREENS[target.screen];
    document.title = `Manage: ${screen.title}`;
    try {
      const [model] = await Promise.all([screen.load(target.id), delay(config.renderDelayMs)]);
      if (mine !== generation) return;
      const view = screen.render(model);
      content.replaceChildren(...view.nodes);
      current = { screen: target.screen, id: target.id, model, view };
      scheduleChurn(view);
    } catch (error) {
      if (mine === generation) content.replaceChildren(h('div', { class: 'cw-error-panel gwt-Label' }, error.message));
    }
  }

  /** In-app navigation: the URL changes first (GWT places), then the screen loads behind a spinner. */
  async function navigate(target) {
    const { url } = await route({ screen: target.screen, id: String(target.id ?? ''), href: location.href });
    history.pushState(null, '', url);
    await show(target);
  }

  /** The "next record" control: the DOM switches ticket, the URL stays as it was. */
  async function nextTicket() {
    const shown = current;
    if (!shown || shown.screen !== 'ticket' || !shown.model.nextServiceRecId) return;
    const mask = spinner('cw-loading-mask');
    content.append(mask);
    try {
      const model = await loadTicket(shown.model.nextServiceRecId);
      await delay(config.renderDelayMs);
      if (current !== shown) return;
      shown.view.update(ticketSpec(model));
      Object.assign(shown, { id: model.serviceRecId, model });
      scheduleChurn(shown.view);
    } finally {
      mask.remove();
    }
  }

  function scheduleChurn(view) {
    if (config.rerenderMs === null || !view.rebuildHeader) return;
    const mine = generation;
    setTimeout(() => {
      if (mine === generation) view.rebuildHeader();
    }, config.rerenderMs);
  }

  window.addEventListener('popstate', () => {
    route({ href: location.href }).then(show, () => undefined);
  });

  const toolbar = h('div', { class: `cw-main-toolbar x-panel-toolbar ${gwt('toolbar')}` },
    [['New', 'cw_ToolbarButton_New'], ['Time', 'cw_ToolbarButton_Time'], ['Expense', 'cw_ToolbarButton_Expense'],
      ['Dispatch', 'cw_ToolbarButton_Dispatch'], ['Help', 'cw_ToolbarButton_Help']].map(([text, cls]) => button(text, cls)));
  content.append(spinner());
  document.body.replaceChildren(h('div', { id: 'cwApp', class: 'cw-ViewRoot' }, toolbar, content));
  route({ href: location.href }).then(show, (error) => content.replaceChildren(h('div', { class: 'cw-error-panel' }, error.message)));
})();
