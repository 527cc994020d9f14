// @ts-check
'use strict';

const PENDING_RETRY_MS = 10 * 60 * 1000;

const MESSAGES = Object.freeze({
	E001: 'Customer register failed.',
	E002: 'Customer has been registered.',
	E003: 'Customer account has been banned.',
	E004: 'Too many registration attempts.',
});

/** A sub-address tag that makes the sandbox answer one documented outcome: `jane+e003@example.com`. */
const FORCED_CODE = /\+(e00[1-4])@/i;

/**
 * The sandbox's customers, per organisation (here: per API key), and the business rules of
 * register-account: a first registration is pending until confirmed; a new attempt for a pending
 * address is accepted only once every ten minutes (E004); a confirmed address answers E002; a
 * banned one E003.
 */
class CustomerRegistry {
	constructor({ now = Date.now } = {}) {
		this.now = now;
		/** @type {Map<string, { state: 'pending' | 'confirmed' | 'banned', lastAttemptAt: number }>} */
		this.customers = new Map();
	}

	static keyOf(organisation, email) {
		return `${organisation}\u0000${email.toLowerCase()}`;
	}

	/** Marks an address confirmed (as if the shopper clicked the link), or banned. */
	set(organisation, email, state) {
		this.customers.set(CustomerRegistry.keyOf(organisation, email), {
			state,
			lastAttemptAt: this.now(),
		});
	}

	/** @returns {{ success: true } | { success: false, errorCode: string, message: string }} */
	register(organisation, email) {
		const forced = FORCED_CODE.exec(email);
		if (forced) return refusal(forced[1].toUpperCase());
		const key = CustomerRegistry.keyOf(organisation, email);
		const known = this.customers.get(key);
		const now = this.now();
		if (known?.state === 'banned') return refusal('E003');
		if (known?.state === 'confirmed') return refusal('E002');
		if (known?.state === 'pending' && now - known.lastAttemptAt < PENDING_RETRY_MS)
			return refusal('E004');
		this.customers.set(key, { state: 'pending', lastAttemptAt: now });
		return { success: true };
	}
}

function refusal(errorCode) {
	return { success: false, errorCode, message: MESSAGES[errorCode] };
}

module.exports = { CustomerRegistry, MESSAGES };
