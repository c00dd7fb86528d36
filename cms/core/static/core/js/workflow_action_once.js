// One click on a workflow action is one request (cms/core/moderation.py).
// Wagtail's workflow script adds the action's fields to the edit form before submitting it; the
// autosave would post them a second time. An autosave never carries them, and once the form is
// submitted the autosave stops.
(() => {
  const ACTION_FIELDS = [
    'action-workflow-action',
    'workflow-action-name',
    'workflow-action-extra-data',
  ];

  document.addEventListener('w-autosave:save', (event) => {
    const formData = event.detail && event.detail.formData;
    if (formData) {
      ACTION_FIELDS.forEach((name) => formData.delete(name));
    }
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.matches('[data-controller~="w-autosave"]')) {
      form.setAttribute('data-w-autosave-active-value', 'false');
    }
  });
})();
