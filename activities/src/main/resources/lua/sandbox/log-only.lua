-- The body of a bare attempt log (SandboxStore.recordAttempt): the call writes later, or never.
return {'NOTHING_TO_DO', ''}
