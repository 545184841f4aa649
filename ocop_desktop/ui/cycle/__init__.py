"""The *Chu trình OCOP* section: the cycle's records other than evaluations and certificates
(ideas, business plans, trade promotion, training, support), one tab each."""
