import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';

/** The parts of n8n's per-execution data that the engine reads when it runs one node. */
export function additionalData(
	parts: Partial<IWorkflowExecuteAdditionalData>,
): IWorkflowExecuteAdditionalData {
	return {
		executionId: 'test-execution',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		...parts,
	} as IWorkflowExecuteAdditionalData;
}
